package org.capring.pool;

/** The pool is closed (or closed while the acquire waited or connected). */
public final class PoolClosedException extends PoolException {
    private static final long serialVersionUID = 1L;

    PoolClosedException(final PoolKey key) {
        super(key, "pool closed", null);
    }
}
