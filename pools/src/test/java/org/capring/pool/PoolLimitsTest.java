package org.capring.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Limits, waiting and every refusal of {@link KeyedPool#acquire}: each with its exact typed error, pool usable after. */
class PoolLimitsTest {
    private final MemoryConnector connector = new MemoryConnector();
    private final PoolKey a = Keys.cleartext(Keys.v4(1), 7000).tenant("a").build();
    private final PoolKey b = Keys.cleartext(Keys.v4(1), 7000).tenant("b").build();

    private KeyedPool<FakeConnection> pool(final PoolConfig.Builder config) {
        return Pools.pool(config.build(), connector);
    }

    /** The pool is still fully usable: a fresh key can be acquired and returned, accounting intact. */
    private static void assertUsable(final KeyedPool<FakeConnection> pool) throws Exception {
        final PoolKey probe = Keys.cleartext(Keys.v4(9), 9).tenant("probe").build();
        pool.revokeAuthority(-1, 0);
        final PoolStats before = pool.stats();
        if (before.permits() < pool.config().maxTotal()) {
            try (Lease<FakeConnection> lease = pool.acquire(probe, Duration.ZERO)) {
                assertEquals(probe, lease.connection().key);
            }
        }
        Pools.checkAccounting(pool);
    }

    @Test
    void acquire_afterCleanReturn_reusesTheSameConnection() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig())) {
            final FakeConnection first;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                first = lease.connection();
            }
            try (Lease<FakeConnection> lease = pool.acquire(a.toBuilder().build())) {
                assertSame(first, lease.connection(), "an equal key (another instance) reuses it");
            }
            assertEquals(1, connector.attempts.get());
            Pools.checkAccounting(pool);
        }
    }

    @Test
    void acquire_perKeyLimitReached_timesOutNamingMaxPerKey() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(2).maxConnectingPerKey(2))) {
            final Lease<FakeConnection> one = pool.acquire(a);
            final Lease<FakeConnection> two = pool.acquire(a);
            final AcquireTimeoutException e = assertThrows(AcquireTimeoutException.class,
                () -> pool.acquire(a, Duration.ofMillis(20)));
            assertEquals(Limit.MAX_PER_KEY, e.limit());
            assertEquals(a, e.key());
            try (Lease<FakeConnection> other = pool.acquire(b, Duration.ZERO)) {
                assertEquals(b, other.connection().key, "another key is not held back by a's limit");
            }
            one.close();
            two.close();
            Pools.checkAccounting(pool);
            assertUsable(pool);
        }
    }

    @Test
    void acquire_globalLimitReachedAllLeased_timesOutNamingMaxTotal() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxTotal(2).maxPerKey(2))) {
            final Lease<FakeConnection> one = pool.acquire(a);
            final Lease<FakeConnection> two = pool.acquire(b);
            final AcquireTimeoutException e = assertThrows(AcquireTimeoutException.class,
                () -> pool.acquire(Keys.cleartext(Keys.v4(1), 7000).tenant("c").build(), Duration.ofMillis(20)));
            assertEquals(Limit.MAX_TOTAL, e.limit());
            one.close();
            two.close();
            Pools.checkAccounting(pool);
        }
    }

    @Test
    void acquire_globalLimitReachedIdleOfAnotherKey_evictsItAndConnects() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxTotal(1).maxPerKey(1)
            .maxConnectingPerKey(1))) {
            final FakeConnection ofA;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                ofA = lease.connection();
            }
            try (Lease<FakeConnection> lease = pool.acquire(b, Duration.ZERO)) {
                assertEquals(b, lease.connection().key);
            }
            assertTrue(ofA.closed(), "a's idle connection was evicted");
            assertEquals(1, Pools.checkAccounting(pool).permits());
        }
    }

    @Test
    void acquire_connectingLimitReached_timesOutNamingMaxConnectingPerKey() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(4).maxConnectingPerKey(1))) {
            connector.closeGate();
            final Thread first = Thread.ofVirtual().start(() -> {
                try (Lease<FakeConnection> lease = pool.acquire(a)) {
                    assertEquals(a, lease.connection().key);
                } catch (final Exception e) {
                    throw new AssertionError(e);
                }
            });
            Await.until(() -> connector.atGate.get() == 1, "first connect in progress");
            assertEquals(1, Pools.checkAccounting(pool).connecting());
            final AcquireTimeoutException e = assertThrows(AcquireTimeoutException.class,
                () -> pool.acquire(a, Duration.ofMillis(20)));
            assertEquals(Limit.MAX_CONNECTING_PER_KEY, e.limit());
            connector.openGate();
            first.join();
            assertEquals(0, Pools.checkAccounting(pool).connecting());
        }
    }

    @Test
    void acquire_waitQueueFull_refusedAtOnceNamingMaxWaiters() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(1).maxConnectingPerKey(1)
            .maxWaiters(1))) {
            final Lease<FakeConnection> held = pool.acquire(a);
            final AtomicReference<Lease<FakeConnection>> got = new AtomicReference<>();
            final Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    got.set(pool.acquire(a));
                } catch (final Exception e) {
                    throw new AssertionError(e);
                }
            });
            Await.until(() -> pool.stats().waiting() == 1, "one waiter queued");
            final WaitQueueFullException e = assertThrows(WaitQueueFullException.class, () -> pool.acquire(a));
            assertEquals(Limit.MAX_WAITERS, e.limit());
            held.close();
            waiter.join();
            assertSame(held.entry.resource, got.get().connection(), "the waiter got the returned connection");
            got.get().close();
            Pools.checkAccounting(pool);
            assertUsable(pool);
        }
    }

    @Test
    void acquire_severalWaiters_servedInArrivalOrder() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(1).maxConnectingPerKey(1))) {
            final Lease<FakeConnection> held = pool.acquire(a);
            final ConcurrentLinkedQueue<Integer> order = new ConcurrentLinkedQueue<>();
            final List<Thread> waiters = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                final int n = i;
                waiters.add(Thread.ofVirtual().start(() -> {
                    try (Lease<FakeConnection> lease = pool.acquire(a)) {
                        assertEquals(a, lease.connection().key);
                        order.add(n);
                    } catch (final Exception e) {
                        throw new AssertionError(e);
                    }
                }));
                Await.until(() -> pool.stats().waiting() == n + 1, "waiter " + n + " queued");
            }
            held.close();
            for (final Thread t : waiters) {
                t.join();
            }
            assertEquals(List.of(0, 1, 2, 3, 4), List.copyOf(order));
            assertEquals(1, connector.attempts.get(), "one connection served them all");
        }
    }

    @Test
    void acquire_newcomerWhileOthersWait_queuesBehindThem() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(1).maxConnectingPerKey(1))) {
            final Lease<FakeConnection> held = pool.acquire(a);
            final AtomicReference<String> first = new AtomicReference<>();
            final Thread waiter = Thread.ofVirtual().start(() -> {
                try (Lease<FakeConnection> lease = pool.acquire(a)) {
                    first.compareAndSet(null, "waiter " + lease.connection().key.tenant());
                } catch (final Exception e) {
                    throw new AssertionError(e);
                }
            });
            Await.until(() -> pool.stats().waiting() == 1, "waiter queued");
            held.close();
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                first.compareAndSet(null, "newcomer " + lease.connection().key.tenant());
            }
            waiter.join();
            assertEquals("waiter a", first.get());
        }
    }

    @Test
    void acquire_interruptedWhileWaiting_throwsAndLosesNoPermit() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(1).maxConnectingPerKey(1))) {
            final Lease<FakeConnection> held = pool.acquire(a);
            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            final Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    pool.acquire(a).close();
                } catch (final Throwable e) {
                    thrown.set(e);
                }
            });
            Await.until(() -> pool.stats().waiting() == 1, "waiter queued");
            waiter.interrupt();
            waiter.join();
            assertInstanceOf(InterruptedException.class, thrown.get());
            assertEquals(0, Pools.checkAccounting(pool).waiting());
            held.close();
            try (Lease<FakeConnection> lease = pool.acquire(a, Duration.ZERO)) {
                assertSame(held.entry.resource, lease.connection());
            }
            assertEquals(1, Pools.checkAccounting(pool).permits());
        }
    }

    @Test
    void acquire_interruptedBeforeWaiting_throwsAtOnceLeavingNoWaiter() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(1).maxConnectingPerKey(1))) {
            final Lease<FakeConnection> held = pool.acquire(a);
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> pool.acquire(a));
            assertEquals(0, Pools.checkAccounting(pool).waiting());
            held.close();
            assertUsable(pool);
        }
    }

    @Test
    void acquire_connectFails_typedErrorPermitBackPoolUsable() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(1).maxConnectingPerKey(1))) {
            connector.failWhen(key -> key.tenant().equals("a"));
            final ConnectFailedException e = assertThrows(ConnectFailedException.class, () -> pool.acquire(a));
            assertInstanceOf(IOException.class, e.getCause());
            assertEquals(a, e.key());
            assertEquals(0, Pools.checkAccounting(pool).permits());
            connector.failWhen(key -> false);
            try (Lease<FakeConnection> lease = pool.acquire(a, Duration.ZERO)) {
                assertEquals(a, lease.connection().key);
            }
            assertUsable(pool);
        }
    }

    @Test
    void acquire_connectFailsWhileOthersWait_waiterGetsThePermit() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(1).maxConnectingPerKey(1))) {
            connector.closeGate();
            connector.failWhen(key -> connector.attempts.get() == 1);
            final AtomicReference<Throwable> firstOutcome = new AtomicReference<>();
            final Thread first = Thread.ofVirtual().start(() -> {
                try {
                    pool.acquire(a).close();
                } catch (final Throwable e) {
                    firstOutcome.set(e);
                }
            });
            Await.until(() -> connector.atGate.get() == 1, "first connect held");
            final AtomicReference<FakeConnection> second = new AtomicReference<>();
            final Thread waiter = Thread.ofVirtual().start(() -> {
                try (Lease<FakeConnection> lease = pool.acquire(a)) {
                    second.set(lease.connection());
                } catch (final Exception e) {
                    throw new AssertionError(e);
                }
            });
            Await.until(() -> pool.stats().waiting() == 1, "second acquire waits");
            connector.openGate();
            first.join();
            waiter.join();
            assertInstanceOf(ConnectFailedException.class, firstOutcome.get());
            assertEquals(a, second.get().key, "the freed permit went to the waiter, which connected");
            Pools.checkAccounting(pool);
        }
    }

    @Test
    void acquire_zeroTimeoutNoWait_connectsWhenAPermitIsFree() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig())) {
            try (Lease<FakeConnection> lease = pool.acquire(a, Duration.ZERO)) {
                assertEquals(a, lease.connection().key);
            }
            assertThrows(IllegalArgumentException.class, () -> pool.acquire(a, Duration.ofMillis(-1)));
            assertThrows(NullPointerException.class, () -> pool.acquire(null));
            assertUsable(pool);
        }
    }

    /** A connect that succeeds frees a connecting place: the waiter it held back connects at once, not at a return. */
    @Test
    void connectSucceeds_waiterHeldByConnectingLimit_goesOnWithoutAReturn() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(4).maxConnectingPerKey(1))) {
            connector.closeGate();
            connector.gateOnly("first");
            final List<Lease<FakeConnection>> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            final Thread first = Thread.ofVirtual().name("first").start(() -> {
                try {
                    held.add(pool.acquire(a)); // kept: nothing is returned during the test
                } catch (final Exception e) {
                    throw new AssertionError(e);
                }
            });
            Await.until(() -> connector.atGate.get() == 1, "the first connect in progress");
            final AtomicReference<Throwable> secondFailed = new AtomicReference<>();
            final Thread second = Thread.ofVirtual().name("second").start(() -> {
                try {
                    held.add(pool.acquire(a, Duration.ofSeconds(20)));
                } catch (final Exception e) {
                    secondFailed.set(e);
                }
            });
            Await.until(() -> pool.stats().waiting() == 1, "the second acquire waits for the connecting place");
            connector.openGate();
            first.join();
            second.join(Duration.ofSeconds(10));
            assertTrue(!second.isAlive() && secondFailed.get() == null,
                "the waiter connected once the first connect completed: " + secondFailed.get());
            assertEquals(2, held.size());
            for (final Lease<FakeConnection> lease : held) {
                lease.close();
            }
            Pools.checkAccounting(pool);
        }
    }

    /**
     * The oldest waiter is handed a connection that fails its borrow check (data arrived while it was idle): it stays
     * first in line for the next connection instead of going behind the waiters that came after it.
     */
    @Test
    void waiterHandedADeadConnection_keepsItsPlaceAtTheFront() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(1).maxConnectingPerKey(1))) {
            final Lease<FakeConnection> first = pool.acquire(a);
            final List<String> served = new java.util.concurrent.CopyOnWriteArrayList<>();
            final java.util.concurrent.CountDownLatch releaseSecond = new java.util.concurrent.CountDownLatch(1);
            final List<Thread> waiters = new ArrayList<>();
            for (final String name : List.of("w1", "w2", "w3")) {
                waiters.add(Thread.ofVirtual().name(name).start(() -> {
                    try (Lease<FakeConnection> lease = pool.acquire(a, Duration.ofSeconds(20))) {
                        assertEquals(a, lease.connection().key);
                        served.add(name);
                        if (name.equals("w2")) {
                            releaseSecond.await();
                        }
                    } catch (final Exception e) {
                        served.add(name + " failed: " + e);
                    }
                }));
                final int queued = waiters.size();
                Await.until(() -> pool.stats().waiting() == queued, name + " queued");
            }
            first.connection().whileIdle = CloseReason.DATA_WHILE_IDLE;
            first.close(); // handed to w1, which finds it dirty; its permit goes to w2, which connects
            Await.until(() -> served.contains("w2") && pool.stats().waiting() == 2, "w2 served, w1 queued again");
            releaseSecond.countDown();
            for (final Thread waiter : waiters) {
                waiter.join();
            }
            assertEquals(List.of("w2", "w1", "w3"), served, "w1 came before w3");
            Pools.checkAccounting(pool);
        }
    }

    /** A zero timeout behind another key's waiter still gets what its own key has free, in its turn. */
    @Test
    void acquireZeroTimeout_whileAnotherKeyWaits_servedFromItsOwnKey() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxTotal(4).maxPerKey(1).maxConnectingPerKey(1))) {
            final Lease<FakeConnection> ofB = pool.acquire(b);
            final Thread waiter = Thread.ofVirtual().start(() -> {
                try (Lease<FakeConnection> lease = pool.acquire(b, Duration.ofSeconds(20))) {
                    assertEquals(b, lease.connection().key);
                } catch (final Exception e) {
                    throw new AssertionError(e);
                }
            });
            Await.until(() -> pool.stats().waiting() == 1, "b's second acquire waits");
            try (Lease<FakeConnection> lease = pool.acquire(a, Duration.ZERO)) {
                assertEquals(a, lease.connection().key, "a free permit of a is used at once");
            }
            try (Lease<FakeConnection> lease = pool.acquire(a, Duration.ZERO)) {
                assertEquals(a, lease.connection().key, "and a's idle connection too");
            }
            final Lease<FakeConnection> ofA = pool.acquire(a);
            final AcquireTimeoutException e = assertThrows(AcquireTimeoutException.class,
                () -> pool.acquire(a, Duration.ZERO));
            assertEquals(Limit.MAX_PER_KEY, e.limit(), "the limit that holds it is named");
            assertEquals(1, pool.stats().waiting(), "the refused zero-timeout acquire left the queue");
            ofA.close();
            ofB.close();
            waiter.join();
            Pools.checkAccounting(pool);
        }
    }

    @Test
    void acquire_closedPool_refusedWithPoolClosed() throws Exception {
        final KeyedPool<FakeConnection> pool = pool(Pools.testConfig());
        pool.close();
        final PoolClosedException e = assertThrows(PoolClosedException.class, () -> pool.acquire(a));
        assertEquals(a, e.key());
    }

    @Test
    void close_withWaitersAndLeases_failsWaitersClosesEverythingCountsReachZero() throws Exception {
        final KeyedPool<FakeConnection> pool = pool(Pools.testConfig().maxPerKey(1).maxConnectingPerKey(1));
        final Lease<FakeConnection> held = pool.acquire(a);
        final FakeConnection idle;
        try (Lease<FakeConnection> lease = pool.acquire(b)) {
            idle = lease.connection();
        }
        final AtomicReference<Throwable> waiterOutcome = new AtomicReference<>();
        final Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                pool.acquire(a).close();
            } catch (final Throwable e) {
                waiterOutcome.set(e);
            }
        });
        Await.until(() -> pool.stats().waiting() == 1, "waiter queued");
        pool.close();
        waiter.join();
        assertInstanceOf(PoolClosedException.class, waiterOutcome.get());
        assertTrue(idle.closed(), "idle connections close at once");
        assertEquals(0, held.connection().closes.get(), "a leased one stays usable until returned");
        held.close();
        assertEquals(1, held.entry.resource.closes.get());
        final PoolStats stats = Pools.checkAccounting(pool);
        assertEquals(0, stats.permits());
        assertEquals(0, stats.leased() + stats.idle() + stats.connecting());
        pool.close();
    }

    @Test
    void close_connectInProgress_connectionFencedNotPooled() throws Exception {
        final KeyedPool<FakeConnection> pool = pool(Pools.testConfig());
        connector.closeGate();
        final AtomicReference<Throwable> outcome = new AtomicReference<>();
        final Thread connecting = Thread.ofVirtual().start(() -> {
            try {
                pool.acquire(a).close();
            } catch (final Throwable e) {
                outcome.set(e);
            }
        });
        Await.until(() -> connector.atGate.get() == 1, "connect in progress");
        pool.close();
        connector.openGate();
        connecting.join();
        assertInstanceOf(PoolClosedException.class, outcome.get());
        assertTrue(connector.openedList().getFirst().closed(), "the late connection was closed");
        assertEquals(0, Pools.checkAccounting(pool).permits());
    }

    @Test
    void config_outOfRange_refusedNamingTheComponent() {
        final IllegalArgumentException perKey = assertThrows(IllegalArgumentException.class,
            () -> PoolConfig.builder().maxTotal(2).maxPerKey(3).build());
        assertTrue(perKey.getMessage().contains("maxPerKey"), perKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoolConfig.builder().maxTotal(0).build());
        assertThrows(IllegalArgumentException.class, () -> PoolConfig.builder().maxConnectingPerKey(9).build());
        assertThrows(IllegalArgumentException.class, () -> PoolConfig.builder().maxWaiters(-1).build());
        assertThrows(IllegalArgumentException.class,
            () -> PoolConfig.builder().acquireTimeout(Duration.ofMillis(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> PoolConfig.builder().connectTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> PoolConfig.builder().idleTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class,
            () -> PoolConfig.builder().validateAfterIdle(Duration.ofDays(366)).build(), "at most a year, like the rest");
        final IllegalArgumentException jitter = assertThrows(IllegalArgumentException.class,
            () -> PoolConfig.builder().maxLifetime(Duration.ofSeconds(1)).lifetimeJitter(Duration.ofSeconds(1)).build());
        assertTrue(jitter.getMessage().contains("lifetimeJitter"), jitter.getMessage());
        assertThrows(NullPointerException.class, () -> PoolConfig.builder().clock(null).build());
        assertEquals(PoolConfig.DEFAULT_MAX_TOTAL, PoolConfig.defaults().maxTotal());
        assertEquals(PoolConfig.defaults(), PoolConfig.defaults().toBuilder().build());
    }

    @Test
    void pool_sameNameTwiceOnOneRegistry_refused() {
        final PoolMetrics metrics = PoolMetrics.register(new io.prometheus.metrics.model.registry.PrometheusRegistry());
        try (KeyedPool<FakeConnection> first = new KeyedPool<>("p", Pools.testConfig().build(), connector, metrics)) {
            assertThrows(IllegalArgumentException.class,
                () -> new KeyedPool<>("p", Pools.testConfig().build(), connector, metrics));
            assertNotSame(null, first);
        }
        try (KeyedPool<FakeConnection> again = new KeyedPool<>("p", Pools.testConfig().build(), connector, metrics)) {
            assertEquals("p", again.name(), "a closed pool's name is free again");
        }
    }
}
