package org.capring.pool;

/** The limits of a pool; a refused or timed-out acquire names the one it hit. */
public enum Limit {
    /** {@link PoolConfig#maxTotal()}: connections (leased, idle or connecting) of all keys together. */
    MAX_TOTAL,
    /** {@link PoolConfig#maxPerKey()}: connections of one key. */
    MAX_PER_KEY,
    /** {@link PoolConfig#maxConnectingPerKey()}: connects in progress for one key. */
    MAX_CONNECTING_PER_KEY,
    /** {@link PoolConfig#maxWaiters()}: acquires queued at once. */
    MAX_WAITERS
}
