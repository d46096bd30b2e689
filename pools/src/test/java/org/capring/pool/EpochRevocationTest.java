package org.capring.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

/** Revoking an authority epoch: idle close now, leased close on return, connects in progress are fenced. */
class EpochRevocationTest {
    private final MemoryConnector connector = new MemoryConnector();
    private final PoolKey epoch0 = Keys.cleartext(Keys.v4(1), 7000).authority(7, 0).build();
    private final PoolKey epoch1 = epoch0.withEpoch(1);
    private final PoolKey otherAuthority = Keys.cleartext(Keys.v4(1), 7000).authority(8, 0).build();

    @Test
    void revoke_idleLeasedAndOtherAuthority_idleClosedAtOnceLeasedOnReturnOthersUntouched() throws Exception {
        final PoolMetrics metrics = PoolMetrics.register(new PrometheusRegistry());
        try (KeyedPool<FakeConnection> pool = new KeyedPool<>("r", Pools.testConfig().build(), connector, metrics)) {
            final Lease<FakeConnection> leased = pool.acquire(epoch0);
            final FakeConnection idle;
            try (Lease<FakeConnection> lease = pool.acquire(epoch0)) {
                idle = lease.connection();
            }
            final FakeConnection unrelated;
            try (Lease<FakeConnection> lease = pool.acquire(otherAuthority)) {
                unrelated = lease.connection();
            }
            assertEquals(1, pool.revokeAuthority(7, 1));
            assertEquals(1, idle.closes.get());
            assertEquals(0, leased.connection().closes.get(), "a leased connection is not pulled from under its user");
            leased.close();
            assertEquals(1, leased.entry.resource.closes.get(), "closed on return though clean");
            try (Lease<FakeConnection> lease = pool.acquire(otherAuthority)) {
                assertSame(unrelated, lease.connection());
            }
            assertTrue(metrics.scrapeText().contains("reason=\"REVOKED\""), metrics.scrapeText());
            final RevokedAuthorityException e = assertThrows(RevokedAuthorityException.class,
                () -> pool.acquire(epoch0));
            assertEquals(1, e.minimumEpoch());
            try (Lease<FakeConnection> lease = pool.acquire(epoch1)) {
                assertEquals(epoch1, lease.connection().key);
            }
            Pools.checkAccounting(pool);
        }
    }

    @Test
    void revoke_connectInProgress_completedConnectionClosedNeverPooled() throws Exception {
        final PoolMetrics metrics = PoolMetrics.register(new PrometheusRegistry());
        try (KeyedPool<FakeConnection> pool = new KeyedPool<>("f", Pools.testConfig().build(), connector, metrics)) {
            connector.closeGate();
            final AtomicReference<Throwable> outcome = new AtomicReference<>();
            final Thread connecting = Thread.ofVirtual().start(() -> {
                try {
                    pool.acquire(epoch0).close();
                } catch (final Throwable e) {
                    outcome.set(e);
                }
            });
            Await.until(() -> connector.atGate.get() == 1, "connect in progress");
            pool.revokeAuthority(7, 1);
            connector.openGate();
            connecting.join();
            assertInstanceOf(RevokedAuthorityException.class, outcome.get());
            assertTrue(connector.openedList().getFirst().closed(), "fenced");
            assertEquals(0, Pools.checkAccounting(pool).permits());
            assertTrue(metrics.scrapeText().contains("reason=\"CONNECT_FENCED\""), metrics.scrapeText());
        }
    }

    @Test
    void revoke_waiterOfRevokedKey_failsWithRevokedAuthority() throws Exception {
        try (KeyedPool<FakeConnection> pool = Pools.pool(Pools.testConfig().maxPerKey(1).maxConnectingPerKey(1)
            .build(), connector)) {
            final Lease<FakeConnection> held = pool.acquire(epoch0);
            final AtomicReference<Throwable> outcome = new AtomicReference<>();
            final Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    pool.acquire(epoch0).close();
                } catch (final Throwable e) {
                    outcome.set(e);
                }
            });
            Await.until(() -> pool.stats().waiting() == 1, "waiter queued");
            pool.revokeAuthority(7, 1);
            waiter.join();
            assertInstanceOf(RevokedAuthorityException.class, outcome.get());
            held.close();
            assertEquals(0, Pools.checkAccounting(pool).permits());
        }
    }

    @Test
    void revoke_lowerOrEqualMinimumAgain_changesNothing() throws Exception {
        try (KeyedPool<FakeConnection> pool = Pools.pool(Pools.testConfig().build(), connector)) {
            pool.revokeAuthority(7, 2);
            final PoolKey epoch2 = epoch0.withEpoch(2);
            final FakeConnection idle;
            try (Lease<FakeConnection> lease = pool.acquire(epoch2)) {
                idle = lease.connection();
            }
            assertEquals(0, pool.revokeAuthority(7, 1));
            assertEquals(0, pool.revokeAuthority(7, 2));
            try (Lease<FakeConnection> lease = pool.acquire(epoch2)) {
                assertSame(idle, lease.connection());
            }
            assertThrows(RevokedAuthorityException.class, () -> pool.acquire(epoch1));
        }
    }
}
