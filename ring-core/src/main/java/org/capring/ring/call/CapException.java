package org.capring.ring.call;

import java.io.Serial;

/**
 * An application exception of the capability's interface (positive status). A handler throws one to answer a
 * call with an error; the client receives it with the same code and message. Generated stubs subclass it for
 * the exceptions a schema declares; {@link Status#UNEXPECTED} marks a handler failure the interface does not
 * declare. Application errors are always dispatched.
 */
public non-sealed class CapException extends CallException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param code    application status, at least 1
     * @param message human-readable details (UTF-8 encoded into the result region, at most its size)
     * @throws IllegalArgumentException if the code is not positive
     */
    public CapException(final int code, final String message) {
        this(code, message, false);
    }

    /**
     * @param code       application status, at least 1
     * @param message    details
     * @param idempotent whether the failed method is declared idempotent (client side)
     * @throws IllegalArgumentException if the code is not positive
     */
    public CapException(final int code, final String message, final boolean idempotent) {
        super(checkCode(code), true, idempotent, message);
    }

    private static int checkCode(final int code) {
        if (code < 1) {
            throw new IllegalArgumentException("application status must be positive: " + code);
        }
        return code;
    }

    /** @return the message as the handler gave it, without the status prefix */
    public String detail() {
        final String m = getMessage();
        final int colon = m.indexOf(": ");
        return colon < 0 ? "" : m.substring(colon + 2);
    }
}
