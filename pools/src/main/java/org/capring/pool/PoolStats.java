package org.capring.pool;

import java.util.Map;

/**
 * A consistent snapshot of a pool's accounting, taken under its lock ({@link KeyedPool#stats()}).
 *
 * @param permits        permits held by all keys: at most {@link PoolConfig#maxTotal()}, 0 once the pool is closed
 *                       and every lease returned
 * @param waiting        acquires waiting
 * @param leaksReported  leases reported as held beyond {@link PoolConfig#leakThreshold()}
 * @param closed         whether the pool is closed
 * @param keys           the counts of every key the pool currently tracks
 */
public record PoolStats(int permits, int waiting, long leaksReported, boolean closed, Map<PoolKey, KeyStats> keys) {
    /**
     * @throws NullPointerException if {@code keys} is null
     */
    public PoolStats {
        keys = Map.copyOf(keys);
    }

    /** @return connections lent out, all keys */
    public int leased() {
        return keys.values().stream().mapToInt(KeyStats::leased).sum();
    }

    /** @return idle connections, all keys */
    public int idle() {
        return keys.values().stream().mapToInt(KeyStats::idle).sum();
    }

    /** @return connects in progress, all keys */
    public int connecting() {
        return keys.values().stream().mapToInt(KeyStats::connecting).sum();
    }
}
