package org.capring.stress.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.capring.stress.ledger.BreachKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The harness's handoff paths (events, the handoff window, the promise that neither a handoff nor a failed one
 * refuses anything) on a {@link HandoffDouble}; the real handoffs run on the service container's system.
 */
@Timeout(60)
class HandoffPathsTest {

    @Test
    void run_handoffThatRefusesCalls_unexpectedRefusal() throws Exception {
        // The double's "handoff" is a drain and restart, which refuses calls: a handoff must not.
        final RunResult r = Runs.run(Scenario.HANDOFF, Duration.ofSeconds(2), new HandoffDouble(false), Runs.settings());
        assertFalse(r.passed(), "refusals during handoffs are caught");
        assertEquals(BreachKind.UNEXPECTED_REFUSAL, r.breaches().getFirst().kind(), r.breaches().toString());
        assertTrue(r.events(EventKind.HANDOFF).size() >= 1, r.events().toString());
        // (The run stops at its first breach, so the handoff window may hold no call here: a call intended just
        // before the handoff began can be the first refused. The real handoffs' window is checked in
        // ServiceCoreScenarioTest.)
    }

    @Test
    void run_crashBeforeReadyLeavingTheOldInstanceAlone_nothingRefused() throws Exception {
        final RunResult r = Runs.run(Scenario.CRASH_BEFORE_READY, Duration.ofSeconds(2), new HandoffDouble(false),
            Runs.settings());
        assertTrue(r.passed(), () -> r.breaches().toString());
        assertTrue(r.events(EventKind.FAILED_HANDOFF).size() >= 3, r.events().toString());
        assertEquals(0, r.tally().byStatus().getOrDefault("SHUTTING_DOWN", 0L));
    }

    @Test
    void run_crashBeforeReadyThatDisturbsTheOldInstance_unexpectedRefusal() throws Exception {
        final RunResult r = Runs.run(Scenario.CRASH_BEFORE_READY, Duration.ofSeconds(2), new HandoffDouble(true),
            Runs.settings());
        assertFalse(r.passed(), "refusals during a failed handoff are caught");
        assertEquals(BreachKind.UNEXPECTED_REFUSAL, r.breaches().getFirst().kind(), r.breaches().toString());
    }
}
