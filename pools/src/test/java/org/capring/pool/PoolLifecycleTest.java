package org.capring.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

/** Idle timeout, lifetime with jitter, maintenance health checks, leak detection, metrics. */
class PoolLifecycleTest {
    private final MemoryConnector connector = new MemoryConnector();
    private final ManualClock clock = new ManualClock();
    private final PoolKey a = Keys.cleartext(Keys.v4(1), 7000).tenant("a").build();

    @Test
    void maintenance_idleBeyondTimeout_closedAndKeyForgotten() throws Exception {
        try (KeyedPool<FakeConnection> pool = Pools.pool(Pools.testConfig().clock(clock)
            .idleTimeout(Duration.ofSeconds(30)).build(), connector)) {
            final FakeConnection first;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                first = lease.connection();
            }
            clock.advance(Duration.ofSeconds(29));
            pool.runMaintenance();
            assertEquals(0, first.closes.get());
            clock.advance(Duration.ofSeconds(2));
            pool.runMaintenance();
            assertEquals(1, first.closes.get());
            assertTrue(Pools.checkAccounting(pool).keys().isEmpty(), "a key with no connection is forgotten");
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                assertNotSame(first, lease.connection());
            }
        }
    }

    @Test
    void lifetime_withJitter_everyConnectionExpiresWithinTheJitterWindowAndNotAllAtOnce() throws Exception {
        final Duration lifetime = Duration.ofMinutes(10);
        final Duration jitter = Duration.ofMinutes(2);
        final int n = 32;
        try (KeyedPool<FakeConnection> pool = Pools.pool(Pools.testConfig().clock(clock).maxTotal(n).maxPerKey(n)
            .maxConnectingPerKey(n).maxLifetime(lifetime).lifetimeJitter(jitter).idleTimeout(Duration.ofDays(1))
            .build(), connector)) {
            final List<Lease<FakeConnection>> leases = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                leases.add(pool.acquire(a));
            }
            leases.forEach(Lease::close);
            clock.advance(lifetime.minus(jitter).minusNanos(1));
            pool.runMaintenance();
            assertEquals(n, Pools.checkAccounting(pool).idle(), "none expires before lifetime - jitter");
            clock.advance(jitter.dividedBy(2));
            pool.runMaintenance();
            final int alive = Pools.checkAccounting(pool).idle();
            assertTrue(alive > 0 && alive < n, "jitter spreads expiry: " + alive + " of " + n + " left at mid-window");
            clock.advance(jitter.dividedBy(2).plusNanos(1));
            pool.runMaintenance();
            assertEquals(0, Pools.checkAccounting(pool).permits(), "all expired by the full lifetime");
        }
    }

    @Test
    void lifetime_expiredWhileLeased_closedOnReturn() throws Exception {
        try (KeyedPool<FakeConnection> pool = Pools.pool(Pools.testConfig().clock(clock)
            .maxLifetime(Duration.ofMinutes(1)).build(), connector)) {
            final Lease<FakeConnection> lease = pool.acquire(a);
            clock.advance(Duration.ofMinutes(2));
            pool.runMaintenance();
            lease.close();
            assertEquals(1, lease.entry.resource.closes.get());
            assertEquals(0, Pools.checkAccounting(pool).permits());
        }
    }

    @Test
    void maintenance_bytesArrivedWhileIdle_closesTheConnection() throws Exception {
        try (KeyedPool<FakeConnection> pool = Pools.pool(Pools.testConfig().clock(clock).build(), connector)) {
            final FakeConnection first;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                first = lease.connection();
            }
            pool.runMaintenance();
            assertEquals(0, first.closes.get(), "clean and idle: kept");
            first.whileIdle = CloseReason.DATA_WHILE_IDLE;
            pool.runMaintenance();
            assertEquals(1, first.closes.get());
            assertEquals(0, Pools.checkAccounting(pool).permits());
        }
    }

    @Test
    void maintenanceThread_running_closesIdleConnectionsByItself() throws Exception {
        try (KeyedPool<FakeConnection> pool = Pools.pool(Pools.testConfig().maintenanceInterval(Duration.ofMillis(5))
            .idleTimeout(Duration.ofMillis(20)).build(), connector)) {
            final FakeConnection first;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                first = lease.connection();
            }
            Await.until(first::closed, "the maintenance thread closed the idle connection");
            Await.until(() -> pool.stats().permits() == 0, "its permit is back");
        }
    }

    @Test
    void leakDetection_leaseHeldBeyondThreshold_reportedOnceWithKeyAndBorrowerStack() throws Exception {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();
        final Logger jul = Logger.getLogger(KeyedPool.class.getName());
        final Handler capture = new Handler() {
            @Override
            public void publish(final LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        final PoolMetrics metrics = PoolMetrics.register(new PrometheusRegistry());
        try (KeyedPool<FakeConnection> pool = new KeyedPool<>("leaky", Pools.testConfig().clock(clock)
            .leakThreshold(Duration.ofSeconds(1)).build(), connector, metrics)) {
            final Lease<FakeConnection> lease = pool.acquire(a);
            clock.advance(Duration.ofMillis(500));
            pool.runMaintenance();
            assertEquals(0, pool.stats().leaksReported());
            clock.advance(Duration.ofSeconds(1));
            pool.runMaintenance();
            pool.runMaintenance();
            assertEquals(1, pool.stats().leaksReported(), "reported once per lease");
            final LogRecord leak = records.stream().filter(r -> r.getMessage().contains("possible leak")).findFirst()
                .orElseThrow();
            assertTrue(leak.getMessage().contains(a.toString()), leak.getMessage());
            assertNotNull(leak.getThrown(), "the borrower's stack");
            final ByteArrayOutputStream trace = new ByteArrayOutputStream();
            try (PrintWriter writer = new PrintWriter(trace)) {
                leak.getThrown().printStackTrace(writer);
            }
            assertTrue(trace.toString().contains("leakDetection_leaseHeldBeyondThreshold"), "names the borrower");
            assertTrue(metrics.scrapeText().contains("capring_pool_leaks_total{key=\"k0\",pool=\"leaky\""),
                metrics.scrapeText());
            lease.close();
            clock.advance(Duration.ofSeconds(5));
            pool.runMaintenance();
            assertEquals(1, pool.stats().leaksReported(), "a returned lease is no leak");
        } finally {
            jul.removeHandler(capture);
        }
    }

    @Test
    void metrics_scraped_perKeyGaugesCountersAndCloseReasons() throws Exception {
        final PoolMetrics metrics = PoolMetrics.register(new PrometheusRegistry());
        try (KeyedPool<FakeConnection> pool = new KeyedPool<>("m", Pools.testConfig().clock(clock).build(), connector,
            metrics)) {
            final Lease<FakeConnection> leased = pool.acquire(a);
            final Lease<FakeConnection> dirty = pool.acquire(a);
            dirty.connection().onReturn = CloseReason.UNREAD_BYTES;
            dirty.close();
            final String text = metrics.scrapeText();
            final String labels = "key=\"k0\",pool=\"m\",target=\"/127.0.0.1:7000\",tenant=\"a\"";
            assertTrue(text.contains("capring_pool_leased{" + labels + "} 1.0"), text);
            assertTrue(text.contains("capring_pool_idle{" + labels + "} 0.0"), text);
            assertTrue(text.contains("capring_pool_connecting{" + labels + "} 0.0"), text);
            assertTrue(text.contains("capring_pool_waiting{" + labels + "} 0.0"), text);
            assertTrue(text.contains("capring_pool_created_total{" + labels + "} 2.0"), text);
            assertTrue(text.contains("capring_pool_closed_total{key=\"k0\",pool=\"m\",reason=\"UNREAD_BYTES\""), text);
            assertTrue(text.contains("capring_pool_wait_seconds_count{" + labels + "} 2"), text);
            leased.close();
        }
        assertTrue(!metrics.scrapeText().contains("pool=\"m\""), "a closed pool's series are gone");
    }

    @Test
    void acquire_expiredIdleConnection_replacedOnBorrow() throws Exception {
        try (KeyedPool<FakeConnection> pool = Pools.pool(Pools.testConfig().clock(clock)
            .maxLifetime(Duration.ofMinutes(1)).idleTimeout(Duration.ofHours(1)).build(), connector)) {
            final FakeConnection first;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                first = lease.connection();
            }
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                assertSame(first, lease.connection());
            }
            clock.advance(Duration.ofMinutes(2));
            pool.runMaintenance();
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                assertNotSame(first, lease.connection());
            }
            assertEquals(1, first.closes.get());
        }
    }
}
