package org.capring.stress.sut;

import java.util.Objects;

/**
 * What one scenario action did, as the system under test counted it.
 *
 * @param action          the action
 * @param succeeded       whether the action did what it promises (for {@link Action#FAILED_HANDOFF}: the new
 *                        instance failed and the old one kept serving)
 * @param inFlightAtStart calls in flight in the instance that was drained when the drain began (the proof that the
 *                        drain window was real); 0 for actions that drain nothing
 * @param drained         calls that finished on their own within the grace period
 * @param cancelled       calls cancelled after the grace period
 * @param refused         calls refused while draining
 * @param stuck           calls whose handlers ignored cancellation
 * @param detail          what happened, in words
 */
public record ActionReport(Action action, boolean succeeded, long inFlightAtStart, long drained, long cancelled,
                           long refused, long stuck, String detail) {
    /**
     * @throws NullPointerException if action or detail is null
     */
    public ActionReport {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * @param action the action
     * @param detail what happened
     * @return the report of an action that drains nothing and succeeded
     */
    public static ActionReport done(final Action action, final String detail) {
        return new ActionReport(action, true, 0, 0, 0, 0, 0, detail);
    }
}
