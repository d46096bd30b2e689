package org.capring.pool;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link PoolClock} the test advances by hand. */
public final class ManualClock implements PoolClock {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** @param by how far to move the clock forward */
    public void advance(final Duration by) {
        now.addAndGet(by.toNanos());
    }
}
