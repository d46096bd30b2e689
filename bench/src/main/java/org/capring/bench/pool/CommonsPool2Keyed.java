package org.capring.bench.pool;

import java.util.concurrent.TimeUnit;

import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;
import org.capring.bench.BenchFlags;
import org.capring.pool.PoolKey;
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
 * Apache commons-pool2 {@link GenericKeyedObjectPool} keyed by the same {@link PoolKey}s, JMX off, no tests on
 * borrow or return: {@code borrowObject(key)}, touch, {@code returnObject(key, object)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class CommonsPool2Keyed {
    private GenericKeyedObjectPool<PoolKey, PoolBench.Thing> pool;
    private PoolKey one;
    private PoolKey[] keys;

    /** Builds the pool. */
    @Setup(Level.Trial)
    public void setUp() {
        final GenericKeyedObjectPoolConfig<PoolBench.Thing> config = new GenericKeyedObjectPoolConfig<>();
        config.setJmxEnabled(false);
        config.setMaxTotalPerKey(PoolBench.OBJECTS);
        config.setMaxIdlePerKey(PoolBench.OBJECTS);
        config.setMaxTotal(PoolBench.KEYS * PoolBench.OBJECTS);
        pool = new GenericKeyedObjectPool<>(new BaseKeyedPooledObjectFactory<>() {
            @Override
            public PoolBench.Thing create(final PoolKey key) {
                return new PoolBench.Thing();
            }

            @Override
            public PooledObject<PoolBench.Thing> wrap(final PoolBench.Thing thing) {
                return new DefaultPooledObject<>(thing);
            }
        }, config);
        one = PoolBench.key(-1);
        keys = PoolBench.keys();
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    private long cycle(final PoolKey key) throws Exception {
        final PoolBench.Thing thing = pool.borrowObject(key);
        try {
            return thing.touch();
        } finally {
            pool.returnObject(key, thing);
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
