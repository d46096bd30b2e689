package org.capring.ring.call;

/**
 * Completion status codes carried in {@link org.capring.ring.Cqe#status()}: 0 = OK, negative = transport
 * errors defined here, positive = application exceptions defined by the capability's interface.
 */
public final class Status {
    /** The call completed; the result region holds the result message. */
    public static final int OK = 0;
    /** The handle names no live capability of this client's CapSet (stale, forged or revoked). */
    public static final int INVALID_HANDLE = -1;
    /** The entry is malformed: unknown opcode or flags, slot out of range or busy, bad params length. */
    public static final int BAD_SQE = -2;
    /** The capability does not implement that interface or method. */
    public static final int NO_SUCH_METHOD = -3;
    /** The params (or, for the caller, the result) are not a valid capnp message within the limits. */
    public static final int DECODE_ERROR = -4;
    /** The result did not fit the slot's result region; nothing was truncated. */
    public static final int RESULT_TOO_LARGE = -5;
    /** The endpoint's queue is full; the call was refused before dispatch. */
    public static final int OVERLOADED = -6;
    /** The server is draining or stopped; the call was refused before dispatch. */
    public static final int SHUTTING_DOWN = -7;
    /** The call was cancelled (by the caller, or by shutdown after the grace period). */
    public static final int CANCELLED = -8;
    /** The call's deadline passed. */
    public static final int DEADLINE_EXCEEDED = -9;
    /** The params did not fit the slot's params region; raised by the client, never sent. */
    public static final int PARAMS_TOO_LARGE = -10;

    /** Application status for a handler failure the interface does not declare. */
    public static final int UNEXPECTED = 1;

    /** CQE flag: the handler was started, so side effects may have happened. */
    public static final int FLAG_DISPATCHED = 1;

    private Status() {
    }

    /**
     * @param status a status code
     * @return its name, e.g. {@code "INVALID_HANDLE"}, or {@code "APPLICATION(n)"} for positive codes
     */
    public static String name(final int status) {
        return switch (status) {
            case OK -> "OK";
            case INVALID_HANDLE -> "INVALID_HANDLE";
            case BAD_SQE -> "BAD_SQE";
            case NO_SUCH_METHOD -> "NO_SUCH_METHOD";
            case DECODE_ERROR -> "DECODE_ERROR";
            case RESULT_TOO_LARGE -> "RESULT_TOO_LARGE";
            case OVERLOADED -> "OVERLOADED";
            case SHUTTING_DOWN -> "SHUTTING_DOWN";
            case CANCELLED -> "CANCELLED";
            case DEADLINE_EXCEEDED -> "DEADLINE_EXCEEDED";
            case PARAMS_TOO_LARGE -> "PARAMS_TOO_LARGE";
            default -> status > 0 ? "APPLICATION(" + status + ")" : "UNKNOWN(" + status + ")";
        };
    }
}
