package org.capring.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Pool fixtures and the accounting invariant every test can check. */
public final class Pools {
    private Pools() {
    }

    /**
     * @return a configuration for deterministic tests: no maintenance thread, no validation unless asked for,
     *     generous timeouts
     */
    public static PoolConfig.Builder testConfig() {
        return PoolConfig.builder().maintenanceInterval(Duration.ZERO).validateAfterIdle(Duration.ofDays(1))
            .lifetimeJitter(Duration.ZERO).acquireTimeout(Duration.ofSeconds(10));
    }

    /**
     * @param config    the configuration
     * @param connector the connector
     * @param <C>       connection type
     * @return a pool reporting to a fresh registry
     */
    public static <C extends Poolable> KeyedPool<C> pool(final PoolConfig config, final Connector<C> connector) {
        return new KeyedPool<>("test", config, connector, PoolMetrics.register(new PrometheusRegistry()));
    }

    /**
     * Checks the permit accounting: per key {@code leased + idle + closing + connecting == permits <= maxPerKey},
     * {@code connecting <= maxConnectingPerKey}, the permits of all keys add up to the total, which is at most
     * {@code maxTotal}, and at most {@code maxWaiters} wait.
     *
     * @param pool the pool
     * @return the snapshot checked
     */
    public static PoolStats checkAccounting(final KeyedPool<?> pool) {
        final PoolStats stats = pool.stats();
        final PoolConfig config = pool.config();
        int sum = 0;
        for (final KeyStats key : stats.keys().values()) {
            assertEquals(key.permits(), key.leased() + key.idle() + key.closing() + key.connecting(),
                () -> "permits of " + key + " in " + stats);
            assertTrue(key.permits() <= config.maxPerKey(), () -> "maxPerKey exceeded: " + key);
            assertTrue(key.connecting() <= config.maxConnectingPerKey(), () -> "maxConnectingPerKey exceeded: " + key);
            assertTrue(key.permits() >= 0 && key.connecting() >= 0 && key.waiting() >= 0, () -> "negative: " + key);
            sum += key.permits();
        }
        assertEquals(stats.permits(), sum, () -> "per-key permits do not add up: " + stats);
        assertTrue(stats.permits() <= config.maxTotal(), () -> "maxTotal exceeded: " + stats);
        assertTrue(stats.waiting() <= config.maxWaiters(), () -> "maxWaiters exceeded: " + stats);
        return stats;
    }
}
