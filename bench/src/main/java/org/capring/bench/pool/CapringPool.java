package org.capring.bench.pool;

import java.util.concurrent.TimeUnit;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.capring.bench.BenchFlags;
import org.capring.pool.CloseReason;
import org.capring.pool.KeyedPool;
import org.capring.pool.Lease;
import org.capring.pool.PoolConfig;
import org.capring.pool.PoolException;
import org.capring.pool.PoolKey;
import org.capring.pool.PoolMetrics;
import org.capring.pool.Poolable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * capring's {@link KeyedPool} with its defaults (maintenance thread, metrics, coarse clock) and room for every key:
 * {@code try (Lease lease = pool.acquire(key)) { lease.connection().touch(); }}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class CapringPool {
    private KeyedPool<Pooled> pool;
    private PoolKey one;
    private PoolKey[] keys;

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
        one = PoolBench.key(-1);
        keys = PoolBench.keys();
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    private long cycle(final PoolKey key) throws PoolException, InterruptedException {
        try (Lease<Pooled> lease = pool.acquire(key)) {
            return lease.connection().thing.touch();
        }
    }

    /**
     * @return the object's use count
     * @throws Exception never in steady state
     */
    @Benchmark
    public long oneKey() throws Exception {
        return cycle(one);
    }

    /**
     * @return the object's use count
     * @throws Exception never in steady state
     */
    @Benchmark
    @Threads(2)
    public long oneKeyTwoThreads() throws Exception {
        return cycle(one);
    }

    /**
     * @param walk the thread's key walk
     * @return the object's use count
     * @throws Exception never in steady state
     */
    @Benchmark
    public long thousandKeys(final PoolBench.Walk walk) throws Exception {
        return cycle(keys[walk.next()]);
    }

    /**
     * @param walk the thread's key walk
     * @return the object's use count
     * @throws Exception never in steady state
     */
    @Benchmark
    @Threads(2)
    public long thousandKeysTwoThreads(final PoolBench.Walk walk) throws Exception {
        return cycle(keys[walk.next()]);
    }
}
