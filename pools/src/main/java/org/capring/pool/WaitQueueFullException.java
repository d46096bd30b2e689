package org.capring.pool;

/** The acquire would have had to wait, but {@link PoolConfig#maxWaiters()} acquires already wait. Refused at once. */
public final class WaitQueueFullException extends PoolException {
    private static final long serialVersionUID = 1L;

    WaitQueueFullException(final PoolKey key, final int waiters) {
        super(key, waiters + " acquires already waiting: " + Limit.MAX_WAITERS + " reached", null);
    }

    /** @return {@link Limit#MAX_WAITERS} */
    public Limit limit() {
        return Limit.MAX_WAITERS;
    }
}
