package org.capring.stress.scenario;

import java.io.Serial;
import java.util.Set;

import org.capring.stress.sut.Action;

/** A scenario asked of a system under test that cannot perform its events (handoffs on plain ring-core). */
public final class UnsupportedScenarioException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param scenario  the scenario
     * @param missing   its events the system cannot perform
     * @param supported what the system supports
     */
    public UnsupportedScenarioException(final Scenario scenario, final Set<EventKind> missing,
                                        final Set<Action> supported) {
        super("scenario " + scenario.flagName() + " needs " + (missing.isEmpty() ? "at least one of its events"
            : missing.stream().map(EventKind::label).toList()) + ", which this system cannot perform (it supports "
            + supported + ")");
    }
}
