package org.capring.pool;

import java.util.Objects;

/**
 * Why {@link KeyedPool#acquire} gave no lease. Every subtype leaves the pool's accounting as it was before the call
 * (no permit, waiter slot or connection is lost) and the pool usable.
 */
public abstract sealed class PoolException extends Exception
    permits AcquireTimeoutException, WaitQueueFullException, PoolClosedException, ConnectFailedException,
    RevokedAuthorityException {
    private static final long serialVersionUID = 1L;

    private final transient PoolKey key;

    PoolException(final PoolKey key, final String message, final Throwable cause) {
        super(message + " (" + key + ")", cause);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** @return the key of the refused acquire */
    public PoolKey key() {
        return key;
    }
}
