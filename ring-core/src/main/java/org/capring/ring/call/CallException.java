package org.capring.ring.call;

import java.io.Serial;

/**
 * A call that did not complete with {@link Status#OK}. Says whether the handler may have run (side effects
 * possible) and whether the same call may safely be retried: a call refused before dispatch is always safe to
 * retry; after dispatch only a method declared idempotent is.
 */
public abstract sealed class CallException extends RuntimeException permits TransportException, CapException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean dispatched;
    private final boolean idempotent;

    CallException(final int status, final boolean dispatched, final boolean idempotent, final String message) {
        super(Status.name(status) + (message == null || message.isEmpty() ? "" : ": " + message));
        this.status = status;
        this.dispatched = dispatched;
        this.idempotent = idempotent;
    }

    /** @return the completion status */
    public final int status() {
        return status;
    }

    /** @return true if the handler was started, so the call's side effects may have happened */
    public final boolean dispatched() {
        return dispatched;
    }

    /** @return true if retrying cannot repeat a side effect: not dispatched, or the method is idempotent */
    public final boolean retrySafe() {
        return !dispatched || idempotent;
    }
}
