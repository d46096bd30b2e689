package org.capring.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Returns: clean ones are reused, every unclean or illegal one closes the connection and keeps the accounting. */
class PoolReturnTest {
    private final MemoryConnector connector = new MemoryConnector();
    private final ManualClock clock = new ManualClock();
    private final PoolKey a = Keys.cleartext(Keys.v4(1), 7000).tenant("a").build();
    private final PoolKey b = Keys.cleartext(Keys.v4(1), 7000).tenant("b").build();

    private KeyedPool<FakeConnection> pool() {
        return Pools.pool(Pools.testConfig().clock(clock).build(), connector);
    }

    @ParameterizedTest
    @EnumSource(value = CloseReason.class, names = {"UNREAD_BYTES", "PARTIAL_READ", "PARTIAL_WRITE",
        "UNANSWERED_REQUEST", "UPGRADED", "PEER_CLOSED"})
    void release_connectionReportsUncleanState_closedAndNextLeaseIsFresh(final CloseReason reason) throws Exception {
        try (KeyedPool<FakeConnection> pool = pool()) {
            final FakeConnection first;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                first = lease.connection();
                first.onReturn = reason;
            }
            assertEquals(1, first.closes.get());
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                assertNotSame(first, lease.connection());
            }
            assertEquals(1, Pools.checkAccounting(pool).permits());
        }
    }

    @Test
    void discard_leasedConnection_closedPermitBack() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool()) {
            final Lease<FakeConnection> lease = pool.acquire(a);
            lease.discard();
            assertEquals(1, lease.entry.resource.closes.get());
            assertFalse(lease.isHeld());
            assertEquals(0, Pools.checkAccounting(pool).permits());
        }
    }

    @Test
    void close_sameLeaseTwice_doubleReturnClosesConnectionAndPoolStaysUsable() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool()) {
            final Lease<FakeConnection> lease = pool.acquire(a);
            final FakeConnection connection = lease.connection();
            lease.close();
            final IllegalReturnException e = assertThrows(IllegalReturnException.class, lease::close);
            assertEquals(CloseReason.DOUBLE_RETURN, e.reason());
            assertEquals(1, connection.closes.get(), "it may have been used after its first return: closed");
            assertEquals(0, Pools.checkAccounting(pool).permits());
            try (Lease<FakeConnection> again = pool.acquire(a)) {
                assertNotSame(connection, again.connection());
            }
        }
    }

    @Test
    void close_staleLeaseAfterConnectionWasLentAgain_currentHolderUnharmedThenClosedOnItsReturn() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool()) {
            final Lease<FakeConnection> stale = pool.acquire(a);
            final FakeConnection connection = stale.connection();
            stale.close();
            final Lease<FakeConnection> current = pool.acquire(a);
            assertSame(connection, current.connection());
            final IllegalReturnException e = assertThrows(IllegalReturnException.class, stale::close);
            assertEquals(CloseReason.DOUBLE_RETURN, e.reason());
            assertTrue(current.isHeld(), "the stale return did not release someone else's lease");
            assertSame(connection, current.connection());
            assertEquals(1, Pools.checkAccounting(pool).leased());
            current.close();
            assertEquals(1, connection.closes.get(), "poisoned by the stale return: closed when given back");
            assertEquals(0, Pools.checkAccounting(pool).permits());
        }
    }

    @Test
    void connection_afterReturn_staleLeaseRefused() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool()) {
            final Lease<FakeConnection> lease = pool.acquire(a);
            lease.close();
            assertThrows(StaleLeaseException.class, lease::connection);
            assertThrows(IllegalReturnException.class, lease::discard);
            Pools.checkAccounting(pool);
        }
    }

    @Test
    void release_toAnotherPool_wrongPoolClosesItInItsOwnPool() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool();
             KeyedPool<FakeConnection> other = Pools.pool(Pools.testConfig().build(), new MemoryConnector())) {
            final Lease<FakeConnection> lease = pool.acquire(a);
            final IllegalReturnException e = assertThrows(IllegalReturnException.class, () -> other.release(a, lease));
            assertEquals(CloseReason.WRONG_POOL, e.reason());
            assertEquals(1, lease.entry.resource.closes.get());
            assertEquals(0, Pools.checkAccounting(pool).permits());
            assertEquals(0, Pools.checkAccounting(other).permits());
        }
    }

    @Test
    void release_underAnotherKey_wrongKeyClosesIt() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool()) {
            final Lease<FakeConnection> lease = pool.acquire(a);
            final IllegalReturnException e = assertThrows(IllegalReturnException.class, () -> pool.release(b, lease));
            assertEquals(CloseReason.WRONG_KEY, e.reason());
            assertEquals(1, lease.entry.resource.closes.get());
            assertEquals(0, Pools.checkAccounting(pool).permits());
            final Lease<FakeConnection> right = pool.acquire(a);
            pool.release(a.toBuilder().build(), right);
            assertEquals(1, Pools.checkAccounting(pool).idle(), "the right key (an equal instance) returns it");
        }
    }

    @Test
    void acquire_bytesArrivedWhileIdle_closedOnBorrowAndAFreshOneLent() throws Exception {
        try (KeyedPool<FakeConnection> pool = pool()) {
            final FakeConnection first;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                first = lease.connection();
            }
            first.whileIdle = CloseReason.DATA_WHILE_IDLE;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                assertNotSame(first, lease.connection());
            }
            assertEquals(1, first.closes.get());
            Pools.checkAccounting(pool);
        }
    }

    @Test
    void acquire_afterLongIdle_validatesAndReplacesAnInvalidConnection() throws Exception {
        try (KeyedPool<FakeConnection> pool = Pools.pool(Pools.testConfig().clock(clock)
            .validateAfterIdle(Duration.ofSeconds(5)).idleTimeout(Duration.ofMinutes(10)).build(), connector)) {
            final FakeConnection first;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                first = lease.connection();
            }
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                assertSame(first, lease.connection());
            }
            assertEquals(0, first.validations.get(), "not idle long enough to validate");
            clock.advance(Duration.ofSeconds(6));
            pool.runMaintenance();
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                assertSame(first, lease.connection(), "valid: reused");
            }
            assertEquals(1, first.validations.get());
            clock.advance(Duration.ofSeconds(6));
            pool.runMaintenance();
            first.valid = false;
            try (Lease<FakeConnection> lease = pool.acquire(a)) {
                assertNotSame(first, lease.connection());
            }
            assertEquals(1, first.closes.get());
            Pools.checkAccounting(pool);
        }
    }
}
