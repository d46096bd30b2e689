package org.capring.bench.pool;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/** A keyed subject of the {@code pool} measure: adds the variants that walk {@value PoolBench#KEYS} keys. */
public abstract class KeyedPoolSubject extends PoolSubject {
    /**
     * @param walk the thread's key walk
     * @return the object's use count
     * @throws Exception never in steady state
     */
    @Benchmark
    public long thousandKeys(final PoolBench.Walk walk) throws Exception {
        return cycle(PoolBench.THOUSAND[walk.next()]);
    }

    /**
     * @param walk the thread's key walk
     * @return the object's use count
     * @throws Exception never in steady state
     */
    @Benchmark
    @Threads(2)
    public long thousandKeysTwoThreads(final PoolBench.Walk walk) throws Exception {
        return cycle(PoolBench.THOUSAND[walk.next()]);
    }
}
