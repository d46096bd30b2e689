package org.capring.pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory connection for pool tests: remembers the key it was opened for, and reports whatever protocol state
 * the test sets. Counts its closes (a second close would be a pool bug).
 */
public final class FakeConnection implements Poolable {
    private static final AtomicInteger IDS = new AtomicInteger();

    /** The key it was opened for. */
    public final PoolKey key;
    /** A process-unique id. */
    public final int id = IDS.incrementAndGet();
    /** What {@link #checkReturn()} reports; reset after each return. */
    public volatile CloseReason onReturn;
    /** What {@link #checkIdle()} reports. */
    public volatile CloseReason whileIdle;
    /** What {@link #validate} answers. */
    public volatile boolean valid = true;
    /** How often {@link #validate} was called. */
    public final AtomicInteger validations = new AtomicInteger();
    /** How often {@link #close()} was called. */
    public final AtomicInteger closes = new AtomicInteger();

    FakeConnection(final PoolKey key) {
        this.key = key;
    }

    @Override
    public CloseReason checkReturn() {
        final CloseReason reason = onReturn;
        onReturn = null;
        return reason;
    }

    @Override
    public CloseReason checkIdle() {
        return whileIdle;
    }

    @Override
    public boolean validate(final long timeoutNanos) {
        validations.incrementAndGet();
        return valid;
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    /** @return whether it was closed */
    public boolean closed() {
        return closes.get() > 0;
    }

    @Override
    public String toString() {
        return "FakeConnection#" + id;
    }
}
