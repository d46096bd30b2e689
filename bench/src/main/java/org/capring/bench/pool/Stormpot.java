package org.capring.bench.pool;

import java.util.concurrent.TimeUnit;

import org.capring.pool.PoolKey;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import stormpot.Allocator;
import stormpot.BasePoolable;
import stormpot.Pool;
import stormpot.PoolTap;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * Stormpot 4 (unkeyed), default threaded mode, through its thread-safe tap: {@code claim(timeout)}, touch,
 * {@code release()}.
 */
public class Stormpot extends PoolSubject {
    private static final Timeout TIMEOUT = new Timeout(5, TimeUnit.SECONDS);

    private Pool<Pooled> pool;
    private PoolTap<Pooled> tap;

    /** The trivial object as a Stormpot poolable. */
    public static final class Pooled extends BasePoolable {
        final PoolBench.Thing thing = new PoolBench.Thing();

        Pooled(final Slot slot) {
            super(slot);
        }
    }

    /** Builds the pool and waits until it is full. */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        pool = Pool.from(new Allocator<Pooled>() {
            @Override
            public Pooled allocate(final Slot slot) {
                return new Pooled(slot);
            }

            @Override
            public void deallocate(final Pooled poolable) {
                // Nothing to release.
            }
        }).setSize(PoolBench.OBJECTS).build();
        tap = pool.getThreadSafeTap();
        pool.claim(TIMEOUT).release();
    }

    /** Shuts the pool down. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        pool.shutdown().await(TIMEOUT);
    }

    @Override
    long cycle(final PoolKey key) throws InterruptedException {
        final Pooled pooled = tap.claim(TIMEOUT);
        try {
            return pooled.thing.touch();
        } finally {
            pooled.release();
        }
    }
}
