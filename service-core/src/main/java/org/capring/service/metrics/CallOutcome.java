package org.capring.service.metrics;

import org.capring.ring.call.Status;

/** How one call ended, as the metrics count it and the logging phase sees it. */
public enum CallOutcome {
    /** Completed with a result ({@link Status#OK}), by the handler or answered early by a request filter. */
    OK,
    /** An application error the interface declares (a positive status other than {@link Status#UNEXPECTED}). */
    APPLICATION_ERROR,
    /** Refused before dispatch, retry-safe: shutting down, overloaded, invalid handle, no such method, bad entry. */
    REFUSED,
    /** Cancelled: by the caller, or by a drain after its grace period. */
    CANCELLED,
    /** Its deadline passed (before dispatch, or while it ran). */
    DEADLINE_EXCEEDED,
    /** A transport error after dispatch (a result too large, params that did not decode). */
    TRANSPORT_ERROR,
    /** The handler failed in a way the interface does not declare ({@link Status#UNEXPECTED}). */
    FAILED;

    private static final CallOutcome[] VALUES = values();

    /** @return every outcome, in declaration order (a shared array: do not modify) */
    static CallOutcome[] all() {
        return VALUES;
    }

    /**
     * @param status     a completion status
     * @param dispatched whether the handler had started
     * @return the outcome it means
     */
    public static CallOutcome of(final int status, final boolean dispatched) {
        if (status == Status.OK) {
            return OK;
        }
        if (status == Status.UNEXPECTED) {
            return FAILED;
        }
        if (status > 0) {
            return APPLICATION_ERROR;
        }
        return switch (status) {
            case Status.CANCELLED -> CANCELLED;
            case Status.DEADLINE_EXCEEDED -> DEADLINE_EXCEEDED;
            default -> dispatched ? TRANSPORT_ERROR : REFUSED;
        };
    }

    /** @return the label value in metrics, e.g. {@code application_error} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
