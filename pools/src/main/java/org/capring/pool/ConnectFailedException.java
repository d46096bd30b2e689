package org.capring.pool;

/** The connector failed; its exception is the cause. The permit taken for the connect was given back. */
public final class ConnectFailedException extends PoolException {
    private static final long serialVersionUID = 1L;

    ConnectFailedException(final PoolKey key, final Throwable cause) {
        super(key, "connect failed: " + cause, cause);
    }
}
