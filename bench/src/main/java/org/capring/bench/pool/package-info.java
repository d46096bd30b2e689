/**
 * The {@code pool} measure: one acquire plus one release of the same trivial pooled object (a counter touched once
 * per lease), in nanoseconds per operation, for capring's {@link org.capring.pool.KeyedPool} and its peers in the
 * same run: Stormpot 4 (unkeyed), Apache commons-pool2 {@code GenericKeyedObjectPool} and HikariCP's
 * {@code ConcurrentBag} (unkeyed).
 *
 * <p>Variants: {@code oneKey} and {@code oneKeyTwoThreads} (one key, one or two benchmark threads; every pool holds
 * {@value org.capring.bench.pool.PoolBench#OBJECTS} objects), {@code thousandKeys} and
 * {@code thousandKeysTwoThreads} (each thread walks {@value org.capring.bench.pool.PoolBench#KEYS} keys round-robin;
 * the keyed pools only). Keys are real {@link org.capring.pool.PoolKey}s, so key lookup costs what it costs a user.
 */
package org.capring.bench.pool;
