package org.capring.bench.pool;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.util.ConcurrentBag;
import org.capring.pool.PoolKey;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * HikariCP's {@link ConcurrentBag} (unkeyed; the structure under HikariCP's connection pool), filled with
 * {@value PoolBench#OBJECTS} objects: {@code borrow(timeout)}, touch, {@code requite}.
 */
public class HikariConcurrentBag extends PoolSubject {
    private ConcurrentBag<Entry> bag;

    /** The trivial object as a bag entry. */
    public static final class Entry implements ConcurrentBag.IConcurrentBagEntry {
        final PoolBench.Thing thing = new PoolBench.Thing();
        private final AtomicInteger state = new AtomicInteger();

        @Override
        public boolean compareAndSet(final int expect, final int update) {
            return state.compareAndSet(expect, update);
        }

        @Override
        public void setState(final int update) {
            state.set(update);
        }

        @Override
        public int getState() {
            return state.get();
        }
    }

    /** Fills the bag. */
    @Setup(Level.Trial)
    public void setUp() {
        bag = new ConcurrentBag<>(waiting -> { });
        for (int i = 0; i < PoolBench.OBJECTS; i++) {
            bag.add(new Entry());
        }
    }

    /** Closes the bag. */
    @TearDown(Level.Trial)
    public void tearDown() {
        bag.close();
    }

    @Override
    long cycle(final PoolKey key) throws InterruptedException {
        final Entry entry = bag.borrow(5, TimeUnit.SECONDS);
        try {
            return entry.thing.touch();
        } finally {
            bag.requite(entry);
        }
    }
}
