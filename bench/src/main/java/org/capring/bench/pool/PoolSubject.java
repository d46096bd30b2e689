package org.capring.bench.pool;

import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.capring.pool.PoolKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One subject of the {@code pool} measure: the one-key variants, run the same way for every pool. A subject says how
 * it acquires, touches and releases the trivial object in {@link #cycle(PoolKey)}; unkeyed pools ignore the key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public abstract class PoolSubject {
    /**
     * Acquires an object for the key, touches it once and releases it.
     *
     * @param key the key (ignored by unkeyed pools)
     * @return the object's use count
     * @throws Exception never in steady state
     */
    abstract long cycle(PoolKey key) throws Exception;

    /**
     * @return the object's use count
     * @throws Exception never in steady state
     */
    @Benchmark
    public long oneKey() throws Exception {
        return cycle(PoolBench.ONE);
    }

    /**
     * @return the object's use count
     * @throws Exception never in steady state
     */
    @Benchmark
    @Threads(2)
    public long oneKeyTwoThreads() throws Exception {
        return cycle(PoolBench.ONE);
    }
}
