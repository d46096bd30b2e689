package org.capring.pool;

/** The acquire waited its whole timeout; {@link #limit()} names the limit that kept it waiting. */
public final class AcquireTimeoutException extends PoolException {
    private static final long serialVersionUID = 1L;

    private final Limit limit;

    AcquireTimeoutException(final PoolKey key, final Limit limit, final long timeoutNanos) {
        super(key, "no connection within " + timeoutNanos / 1_000_000 + " ms: " + limit + " reached", null);
        this.limit = limit;
    }

    /** @return the limit that was reached: {@link Limit#MAX_TOTAL}, {@link Limit#MAX_PER_KEY} or
     *     {@link Limit#MAX_CONNECTING_PER_KEY} */
    public Limit limit() {
        return limit;
    }
}
