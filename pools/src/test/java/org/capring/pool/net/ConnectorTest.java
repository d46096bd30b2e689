package org.capring.pool.net;

import static org.capring.pool.net.NetFixture.call;
import static org.capring.pool.net.NetFixture.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.capring.pool.ConnectFailedException;
import org.capring.pool.Credentials;
import org.capring.pool.KeyedPool;
import org.capring.pool.Keys;
import org.capring.pool.Lease;
import org.capring.pool.PoolKey;
import org.capring.pool.Pools;
import org.capring.pool.ProxyHop;
import org.capring.pool.Secret;
import org.capring.pool.TestPki;
import org.capring.pool.TrustAnchors;
import org.junit.jupiter.api.Test;

/** The connectors dial, present and verify exactly what the key says. */
class ConnectorTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void tls_alpnOffered_serverChoiceVisibleOnBothSides() throws Exception {
        try (LoopbackServer server = LoopbackServer.tls(LOOPBACK, false, "capnp/2", "capnp/1");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            try (Lease<CapnpConnection> lease = pool.acquire(Keys.tls(LOOPBACK, server.port())
                .alpn(List.of("capnp/1")).build())) {
                assertEquals("capnp/1", field(call(lease, "echo:x"), "alpn"));
                assertEquals("capnp/1", lease.connection().applicationProtocol().orElseThrow());
                assertTrue(lease.connection().tlsSession().orElseThrow().getProtocol().startsWith("TLS"));
            }
        }
    }

    @Test
    void tls_noSniNoAlpn_sendsNeither() throws Exception {
        try (LoopbackServer server = LoopbackServer.tls(LOOPBACK, false, "capnp/1");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            try (Lease<CapnpConnection> lease = pool.acquire(Keys.tls(LOOPBACK, server.port()).noSni()
                .alpn(List.of()).build())) {
                final String reply = call(lease, "echo:x");
                assertEquals("-", field(reply, "sni"));
                assertEquals("-", field(reply, "alpn"));
            }
        }
    }

    @Test
    void tls_hostnameVerificationWithMatchingSni_connects() throws Exception {
        try (LoopbackServer server = LoopbackServer.tls(LOOPBACK, false, "capnp/1");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            try (Lease<CapnpConnection> lease = pool.acquire(Keys.tls(LOOPBACK, server.port()).sni("server.test")
                .hostnameVerification(PoolKey.HostnameVerification.VERIFY_SNI_NAME).build())) {
                assertEquals("server.test", field(call(lease, "echo:x"), "sni"));
            }
        }
    }

    @Test
    void tls_hostnameVerificationWithSniTheCertificateLacks_refused() throws Exception {
        try (LoopbackServer server = LoopbackServer.tls(LOOPBACK, false, "capnp/1");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = Keys.tls(LOOPBACK, server.port()).sni("other.test")
                .hostnameVerification(PoolKey.HostnameVerification.VERIFY_SNI_NAME).build();
            final ConnectFailedException e = assertThrows(ConnectFailedException.class, () -> pool.acquire(key));
            assertInstanceOf(SSLHandshakeException.class, e.getCause());
            assertEquals(0, Pools.checkAccounting(pool).permits(), "the failed connect's permit is back");
            try (Lease<CapnpConnection> lease = pool.acquire(key.toBuilder()
                .hostnameVerification(PoolKey.HostnameVerification.SKIP).build())) {
                assertEquals("other.test", field(call(lease, "echo:x"), "sni"), "skipping the check is explicit");
            }
        }
    }

    @Test
    void tls_insecureAcceptAny_connectsToAServerNoAnchorVouchesFor() throws Exception {
        try (LoopbackServer server = LoopbackServer.tls(LOOPBACK, false, "capnp/1");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = Keys.tls(LOOPBACK, server.port()).trustAnchors(TrustAnchors.none())
                .certificateVerification(PoolKey.CertificateVerification.INSECURE_ACCEPT_ANY).build();
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                call(lease, "echo:x");
            }
        }
    }

    @Test
    void tls_serverRequiresClientCertificateKeyHasNone_refused() throws Exception {
        try (LoopbackServer server = LoopbackServer.tls(LOOPBACK, true, "capnp/1");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey anonymous = Keys.tls(LOOPBACK, server.port()).build();
            assertThrows(ConnectFailedException.class, () -> pool.acquire(anonymous).close());
            try (Lease<CapnpConnection> lease = pool.acquire(anonymous.toBuilder()
                .clientIdentity(TestPki.SHARED.clientA.identity()).build())) {
                assertEquals("CN=client-a", field(call(lease, "echo:x"), "peer"));
            }
        }
    }

    @Test
    void tlsConnector_cleartextKey_refusedAsUnsupported() {
        final UnsupportedKeyException e = assertThrows(UnsupportedKeyException.class,
            () -> new TlsConnector(NetFixture.OPTIONS, Handshake.none()).connect(Keys.cleartext(LOOPBACK, 1).build(),
                1_000_000_000L));
        assertEquals(PoolKey.Field.SECURITY, e.field());
    }

    @Test
    void proxyChain_twoHopsWithTheirOwnCredentials_tunnelsThroughBothInOrder() throws Exception {
        final String firstAuth = "Basic " + Base64.getEncoder().encodeToString("one:pw1".getBytes());
        try (LoopbackServer server = LoopbackServer.tls(LOOPBACK, false, "capnp/1");
             TestProxy first = new TestProxy(firstAuth);
             TestProxy second = new TestProxy("Bearer hop-two");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = Keys.tls(LOOPBACK, server.port()).proxyChain(List.of(
                ProxyHop.httpConnect(LOOPBACK, first.port(), Credentials.basic("one", Secret.ofUtf8("pw1"))),
                ProxyHop.httpConnect(LOOPBACK, second.port(), Credentials.bearer(Secret.ofUtf8("hop-two")))))
                .build();
            try (Lease<CapnpConnection> lease = pool.acquire(key)) {
                assertEquals("server.test", field(call(lease, "echo:x"), "sni"), "TLS runs end to end");
            }
            assertEquals("127.0.0.1:" + second.port(), first.requests().getFirst().authority());
            assertEquals("127.0.0.1:" + server.port(), second.requests().getFirst().authority());
        }
    }

    @Test
    void proxyChain_proxyRefusesCredentials_typedRefusalAndPermitBack() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(LOOPBACK);
             TestProxy proxy = new TestProxy("Bearer right");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey key = Keys.cleartext(LOOPBACK, server.port()).proxyChain(List.of(ProxyHop.httpConnect(
                LOOPBACK, proxy.port(), Credentials.bearer(Secret.ofUtf8("wrong"))))).build();
            final ConnectFailedException e = assertThrows(ConnectFailedException.class, () -> pool.acquire(key));
            final ProxyRefusedException refused = assertInstanceOf(ProxyRefusedException.class, e.getCause());
            assertEquals(407, refused.status());
            assertEquals(0, refused.hop());
            assertEquals(0, Pools.checkAccounting(pool).permits());
            assertEquals(0, server.acceptedCount(), "nothing reached the target");
        }
    }

    @Test
    void handshake_refusedByServer_connectFailsAndNothingIsPooled() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(LOOPBACK);
             KeyedPool<CapnpConnection> pool = Pools.pool(Pools.testConfig().build(), new TcpConnector(
                 NetFixture.OPTIONS, connection -> {
                     connection.send(Messages.text("echo:not-a-hello"));
                     final String answer = Messages.text(connection.receive());
                     throw new java.io.IOException("refused: " + answer);
                 }))) {
            assertThrows(ConnectFailedException.class, () -> pool.acquire(Keys.cleartext(LOOPBACK, server.port())
                .build()));
            assertEquals(0, Pools.checkAccounting(pool).permits());
        }
    }

    @Test
    void connect_nothingListening_connectFailedWithTheCause() throws Exception {
        final int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        try (KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final ConnectFailedException e = assertThrows(ConnectFailedException.class,
                () -> pool.acquire(Keys.cleartext(LOOPBACK, port).build()));
            assertInstanceOf(java.net.ConnectException.class, e.getCause());
            assertEquals(0, Pools.checkAccounting(pool).permits());
        }
    }
}
