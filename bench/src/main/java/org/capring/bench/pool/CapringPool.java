package org.capring.bench.pool;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.capring.pool.CloseReason;
import org.capring.pool.KeyedPool;
import org.capring.pool.Lease;
import org.capring.pool.PoolConfig;
import org.capring.pool.PoolException;
import org.capring.pool.PoolKey;
import org.capring.pool.PoolMetrics;
import org.capring.pool.Poolable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * capring's {@link KeyedPool} with its defaults (maintenance thread, metrics, coarse clock) and room for every key:
 * {@code try (Lease lease = pool.acquire(key)) { lease.connection().touch(); }}.
 */
public class CapringPool extends KeyedPoolSubject {
    private KeyedPool<Pooled> pool;

    /** The trivial object as a {@link Poolable}: always clean. */
    public static final class Pooled implements Poolable {
        final PoolBench.Thing thing = new PoolBench.Thing();

        @Override
        public CloseReason checkReturn() {
            return null;
        }

        @Override
        public CloseReason checkIdle() {
            return null;
        }

        @Override
        public boolean validate(final long timeoutNanos) {
            return true;
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }

    /** Builds the pool. */
    @Setup(Level.Trial)
    public void setUp() {
        pool = new KeyedPool<>("bench", PoolConfig.builder().maxTotal(PoolBench.KEYS * PoolBench.OBJECTS)
            .maxPerKey(PoolBench.OBJECTS).maxConnectingPerKey(PoolBench.OBJECTS).build(),
            (key, timeout) -> new Pooled(), PoolMetrics.register(new PrometheusRegistry()));
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Override
    long cycle(final PoolKey key) throws PoolException, InterruptedException {
        try (Lease<Pooled> lease = pool.acquire(key)) {
            return lease.connection().thing.touch();
        }
    }
}
