package org.capring.bench.pool;

import org.apache.commons.pool2.BaseKeyedPooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericKeyedObjectPool;
import org.apache.commons.pool2.impl.GenericKeyedObjectPoolConfig;
import org.capring.pool.PoolKey;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Apache commons-pool2 {@link GenericKeyedObjectPool} keyed by the same {@link PoolKey}s, JMX off, no tests on
 * borrow or return: {@code borrowObject(key)}, touch, {@code returnObject(key, object)}.
 */
public class CommonsPool2Keyed extends KeyedPoolSubject {
    private GenericKeyedObjectPool<PoolKey, PoolBench.Thing> pool;

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
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    @Override
    long cycle(final PoolKey key) throws Exception {
        final PoolBench.Thing thing = pool.borrowObject(key);
        try {
            return thing.touch();
        } finally {
            pool.returnObject(key, thing);
        }
    }
}
