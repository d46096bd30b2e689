package org.capring.pool.net;

import static org.capring.pool.net.NetFixture.call;
import static org.capring.pool.net.NetFixture.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;

import org.capring.pool.Await;
import org.capring.pool.CloseReason;
import org.capring.pool.KeyedPool;
import org.capring.pool.Keys;
import org.capring.pool.Lease;
import org.capring.pool.PoolKey;
import org.capring.pool.Pools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unclean returns over real loopback sockets, plain TCP and TLS: whatever leaves protocol state behind (unread bytes,
 * a half-read message, an unanswered request, an upgrade, bytes arriving while idle) closes the connection, and the
 * next lease gets a fresh one (the server sees a new connection). A clean exchange is reused, also over TLS 1.3,
 * whose session tickets arrive after the handshake and must not count as unread bytes.
 */
class UncleanReturnTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static LoopbackServer server(final boolean tls) throws Exception {
        return tls ? LoopbackServer.tls(LOOPBACK, false, "capnp/1") : LoopbackServer.plain(LOOPBACK);
    }

    private static PoolKey key(final boolean tls, final LoopbackServer server) {
        return (tls ? Keys.tls(LOOPBACK, server.port()) : Keys.cleartext(LOOPBACK, server.port())).build();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void release_cleanExchange_sameConnectionReused(final boolean tls) throws Exception {
        try (LoopbackServer server = server(tls); KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = key(tls, server);
            for (int i = 0; i < 3; i++) {
                try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                    assertEquals("1", field(call(lease, "echo:x" + i), "conn"));
                }
            }
            assertEquals(1, server.acceptedCount());
            assertEquals(1, Pools.checkAccounting(pool).idle());
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void release_unreadReplyLeftOnTheWire_closedAndNextLeaseFresh(final boolean tls) throws Exception {
        try (LoopbackServer server = server(tls); KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = key(tls, server);
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                assertEquals("1", field(call(lease, "twice:x"), "conn"));
                assertEquals(CloseReason.UNREAD_BYTES, lease.connection().checkReturn(),
                    "the second reply is there, unread");
            }
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                assertEquals("2", field(call(lease, "echo:y"), "conn"), "a fresh connection, not the stale reply");
            }
            assertEquals(2, server.acceptedCount());
            Pools.checkAccounting(pool);
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void release_afterHalfReadMessage_closedAndNextLeaseFresh(final boolean tls) throws Exception {
        try (LoopbackServer server = server(tls); KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = key(tls, server);
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                lease.connection().send(Messages.text("half:x"));
                assertThrows(IOException.class, () -> lease.connection().receive());
                assertEquals(CloseReason.PARTIAL_READ, lease.connection().checkReturn());
            }
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                assertEquals("2", field(call(lease, "echo:y"), "conn"));
            }
            Pools.checkAccounting(pool);
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void release_requestWithoutItsReply_closedAndNextLeaseFresh(final boolean tls) throws Exception {
        try (LoopbackServer server = server(tls); KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = key(tls, server);
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                lease.connection().send(Messages.text("noreply:x"));
                assertEquals(CloseReason.UNANSWERED_REQUEST, lease.connection().checkReturn());
            }
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                assertEquals("2", field(call(lease, "echo:y"), "conn"));
            }
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void release_afterUpgrade_closedAndNextLeaseFresh(final boolean tls) throws Exception {
        try (LoopbackServer server = server(tls); KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = key(tls, server);
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                lease.connection().upgrade();
                assertThrows(IllegalStateException.class, () -> lease.connection().send(Messages.text("echo:z")));
            }
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                assertEquals("2", field(call(lease, "echo:y"), "conn"));
            }
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void idle_bytesArriveWhileIdle_closedAndNextLeaseFresh(final boolean tls) throws Exception {
        try (LoopbackServer server = server(tls); KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = key(tls, server);
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                assertEquals("1", field(call(lease, "echo:x"), "conn"));
            }
            pool.runMaintenance();
            assertEquals(1, Pools.checkAccounting(pool).idle(), "clean and quiet: kept");
            server.push(1, "unsolicited");
            Await.until(() -> {
                pool.runMaintenance();
                return pool.stats().permits() == 0;
            }, "the idle check finds the pushed bytes and closes the connection");
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                assertEquals("2", field(call(lease, "echo:y"), "conn"), "the pushed message never reaches a caller");
            }
            assertEquals(2, server.acceptedCount());
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void idle_peerClosedWhileIdle_closedAndNextLeaseFresh(final boolean tls) throws Exception {
        try (LoopbackServer server = server(tls); KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = key(tls, server);
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                call(lease, "echo:x");
            }
            server.connection(1).socket.close();
            Await.until(() -> {
                pool.runMaintenance();
                return pool.stats().permits() == 0;
            }, "the idle check sees the peer gone");
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                assertEquals("2", field(call(lease, "echo:y"), "conn"));
            }
        }
    }
}
