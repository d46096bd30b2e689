package org.capring.pool;

import java.util.Objects;

/**
 * A lease was returned wrongly: twice ({@link CloseReason#DOUBLE_RETURN}), to a pool that did not lend it
 * ({@link CloseReason#WRONG_POOL}) or under another key ({@link CloseReason#WRONG_KEY}). The connection has been
 * closed (or, if someone else holds it by now, will be closed when they return it); the pool's accounting is intact.
 */
public final class IllegalReturnException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final CloseReason reason;

    IllegalReturnException(final CloseReason reason, final String detail) {
        super(reason + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return {@link CloseReason#DOUBLE_RETURN}, {@link CloseReason#WRONG_POOL} or {@link CloseReason#WRONG_KEY} */
    public CloseReason reason() {
        return reason;
    }
}
