package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.capring.ring.concurrent.Scenarios;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * The binding's admission and swap under Lincheck's model checker ({@link BindingModel}), over every interleaving it
 * explores of calls racing a retarget (and a drain): each call is served by exactly one target or refused; a retarget
 * alone never refuses a call (a caller that finds the old gate closed reads the target again); a call is refused
 * only once the service's drain began; nothing enters the old target once it was seen idle after the retarget. A
 * binding that refuses on the first closed gate without reading the target again fails the model.
 *
 * <p>{@code -Dcapring.lincheck.long=true} explores ten times as many interleavings.
 */
class BindingLincheckTest {
    private static final int INVOCATIONS = Boolean.getBoolean("capring.lincheck.long") ? 50_000 : 5_000;

    @Test
    void callsRacingRetarget_modelChecked_noneRefusedNoneLost() {
        Scenarios.modelCheck(BindingModel.class, BindingModel.Spec.class, INVOCATIONS, "check",
            new String[] {"call", "call"}, new String[] {"handoff"});
    }

    @Test
    void callsRacingRetargetAndDrain_modelChecked_refusedOnlyOnceDraining() {
        Scenarios.modelCheck(BindingModel.class, BindingModel.Spec.class, INVOCATIONS, "check",
            new String[] {"call", "call"}, new String[] {"handoff", "drain"});
    }

    @Test
    void noReread_callsRacingRetarget_modelChecked_refusesWithoutADrain() {
        final LincheckAssertionError failure = assertThrows(LincheckAssertionError.class, () ->
            Scenarios.modelCheck(BindingModel.NoReread.class, BindingModel.Spec.class, INVOCATIONS, "check",
                new String[] {"call", "call"}, new String[] {"handoff"}));
        assertTrue(failure.getMessage().contains("broke the protocol"), failure::getMessage);
    }
}
