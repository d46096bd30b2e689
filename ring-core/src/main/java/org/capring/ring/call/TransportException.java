package org.capring.ring.call;

import java.io.Serial;

/**
 * A call that failed in the ring or the server's machinery (negative status). One subtype per status, so a
 * caller can catch exactly what it handles.
 */
public abstract sealed class TransportException extends CallException {
    @Serial
    private static final long serialVersionUID = 1L;

    TransportException(final int status, final boolean dispatched, final boolean idempotent, final String message) {
        super(status, dispatched, idempotent, message);
    }

    /**
     * @param status     a negative status code
     * @param dispatched whether the handler had started
     * @param idempotent whether the method is declared idempotent
     * @param message    details, may be empty
     * @return the exception of the status' subtype
     * @throws IllegalArgumentException if the status is not a transport status
     */
    public static TransportException of(
        final int status, final boolean dispatched, final boolean idempotent, final String message) {
        return switch (status) {
            case Status.INVALID_HANDLE -> new InvalidHandle(dispatched, idempotent, message);
            case Status.BAD_SQE -> new BadSqe(dispatched, idempotent, message);
            case Status.NO_SUCH_METHOD -> new NoSuchMethod(dispatched, idempotent, message);
            case Status.DECODE_ERROR -> new DecodeError(dispatched, idempotent, message);
            case Status.RESULT_TOO_LARGE -> new ResultTooLarge(dispatched, idempotent, message);
            case Status.OVERLOADED -> new Overloaded(dispatched, idempotent, message);
            case Status.SHUTTING_DOWN -> new ShuttingDown(dispatched, idempotent, message);
            case Status.CANCELLED -> new Cancelled(dispatched, idempotent, message);
            case Status.DEADLINE_EXCEEDED -> new DeadlineExceeded(dispatched, idempotent, message);
            case Status.PARAMS_TOO_LARGE -> new ParamsTooLarge(dispatched, idempotent, message);
            default -> throw new IllegalArgumentException("not a transport status: " + status);
        };
    }

    /** {@link Status#INVALID_HANDLE}. */
    public static final class InvalidHandle extends TransportException {
        @Serial
        private static final long serialVersionUID = 1L;

        InvalidHandle(final boolean dispatched, final boolean idempotent, final String message) {
            super(Status.INVALID_HANDLE, dispatched, idempotent, message);
        }
    }

    /** {@link Status#BAD_SQE}. */
    public static final class BadSqe extends TransportException {
        @Serial
        private static final long serialVersionUID = 1L;

        BadSqe(final boolean dispatched, final boolean idempotent, final String message) {
            super(Status.BAD_SQE, dispatched, idempotent, message);
        }
    }

    /** {@link Status#NO_SUCH_METHOD}. */
    public static final class NoSuchMethod extends TransportException {
        @Serial
        private static final long serialVersionUID = 1L;

        NoSuchMethod(final boolean dispatched, final boolean idempotent, final String message) {
            super(Status.NO_SUCH_METHOD, dispatched, idempotent, message);
        }
    }

    /** {@link Status#DECODE_ERROR}. */
    public static final class DecodeError extends TransportException {
        @Serial
        private static final long serialVersionUID = 1L;

        DecodeError(final boolean dispatched, final boolean idempotent, final String message) {
            super(Status.DECODE_ERROR, dispatched, idempotent, message);
        }
    }

    /** {@link Status#RESULT_TOO_LARGE}. */
    public static final class ResultTooLarge extends TransportException {
        @Serial
        private static final long serialVersionUID = 1L;

        ResultTooLarge(final boolean dispatched, final boolean idempotent, final String message) {
            super(Status.RESULT_TOO_LARGE, dispatched, idempotent, message);
        }
    }

    /** {@link Status#OVERLOADED}. */
    public static final class Overloaded extends TransportException {
        @Serial
        private static final long serialVersionUID = 1L;

        Overloaded(final boolean dispatched, final boolean idempotent, final String message) {
            super(Status.OVERLOADED, dispatched, idempotent, message);
        }
    }

    /** {@link Status#SHUTTING_DOWN}. */
    public static final class ShuttingDown extends TransportException {
        @Serial
        private static final long serialVersionUID = 1L;

        ShuttingDown(final boolean dispatched, final boolean idempotent, final String message) {
            super(Status.SHUTTING_DOWN, dispatched, idempotent, message);
        }
    }

    /** {@link Status#CANCELLED}. */
    public static final class Cancelled extends TransportException {
        @Serial
        private static final long serialVersionUID = 1L;

        Cancelled(final boolean dispatched, final boolean idempotent, final String message) {
            super(Status.CANCELLED, dispatched, idempotent, message);
        }
    }

    /** {@link Status#DEADLINE_EXCEEDED}. */
    public static final class DeadlineExceeded extends TransportException {
        @Serial
        private static final long serialVersionUID = 1L;

        DeadlineExceeded(final boolean dispatched, final boolean idempotent, final String message) {
            super(Status.DEADLINE_EXCEEDED, dispatched, idempotent, message);
        }
    }

    /** {@link Status#PARAMS_TOO_LARGE}: raised by the client before anything was sent. */
    public static final class ParamsTooLarge extends TransportException {
        @Serial
        private static final long serialVersionUID = 1L;

        ParamsTooLarge(final boolean dispatched, final boolean idempotent, final String message) {
            super(Status.PARAMS_TOO_LARGE, dispatched, idempotent, message);
        }
    }
}
