package org.capring.pool;

/** A lease was used after it was returned or discarded: its connection may belong to someone else by now. */
public final class StaleLeaseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    StaleLeaseException(final PoolKey key) {
        super("lease already returned (" + key + ")");
    }
}
