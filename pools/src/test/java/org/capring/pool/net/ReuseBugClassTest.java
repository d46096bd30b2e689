package org.capring.pool.net;

import static org.capring.pool.net.NetFixture.call;
import static org.capring.pool.net.NetFixture.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
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
import org.capring.pool.ProxyHop;
import org.capring.pool.Secret;
import org.capring.pool.TestPki;
import org.capring.pool.TrustAnchors;
import org.junit.jupiter.api.Test;

/**
 * One test per class of connection-reuse bug that peers have shipped (curl's reuse CVEs and their kin), each over
 * real loopback connections: two keys that differ only in the attribute at fault get two connections, and each
 * connection carries its own key's attribute on the wire.
 */
class ReuseBugClassTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Uses a then b (each returned cleanly in between) and returns the server's two replies. */
    private static String[] useBoth(final KeyedPool<CapnpConnection> pool, final PoolKey a, final PoolKey b)
        throws Exception {
        final String first;
        try (Lease<CapnpConnection> lease = pool.acquire(a)) {
            first = call(lease, "echo:a");
        }
        final String second;
        try (Lease<CapnpConnection> lease = pool.acquire(b)) {
            second = call(lease, "echo:b");
        }
        try (Lease<CapnpConnection> lease = pool.acquire(a)) {
            assertEquals(field(first, "conn"), field(call(lease, "echo:a2"), "conn"), "a's own connection is reused");
        }
        assertNotEquals(field(first, "conn"), field(second, "conn"), "b never got a's connection");
        return new String[] {first, second};
    }

    @Test
    void clientCertificate_keysDifferingOnlyInIdentity_eachConnectionPresentsItsOwnCertificate() throws Exception {
        try (LoopbackServer server = LoopbackServer.tls(LOOPBACK, true, "capnp/1");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey alice = Keys.tls(LOOPBACK, server.port()).clientIdentity(TestPki.SHARED.clientA.identity())
                .build();
            final PoolKey bob = alice.toBuilder().clientIdentity(TestPki.SHARED.clientB.identity()).build();
            final String[] replies = useBoth(pool, alice, bob);
            assertEquals("CN=client-a", field(replies[0], "peer"));
            assertEquals("CN=client-b", field(replies[1], "peer"));
        }
    }

    @Test
    void caSet_connectionVerifiedAgainstOneCa_neverServesAKeyTrustingAnotherCa() throws Exception {
        try (LoopbackServer server = LoopbackServer.tls(LOOPBACK, false, "capnp/1");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey trustsOurCa = Keys.tls(LOOPBACK, server.port()).build();
            final PoolKey trustsOtherCa = trustsOurCa.toBuilder()
                .trustAnchors(TrustAnchors.of(TestPki.SHARED.otherCa.certificate())).build();
            try (Lease<CapnpConnection> lease = pool.acquire(trustsOurCa)) {
                call(lease, "echo:a");
            }
            final ConnectFailedException e = assertThrows(ConnectFailedException.class,
                () -> pool.acquire(trustsOtherCa));
            assertInstanceOf(SSLHandshakeException.class, e.getCause(),
                "the server was verified afresh against the other CA, and failed");
            assertEquals(1, pool.stats().idle(), "the connection verified against our CA stays for its own key");
        }
    }

    @Test
    void tlsRequiredVersusCleartext_sameTargetNeverSharesAndTlsIsNeverDowngraded() throws Exception {
        try (LoopbackServer plain = LoopbackServer.plain(LOOPBACK);
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey clear = Keys.cleartext(LOOPBACK, plain.port()).build();
            final PoolKey tls = Keys.tls(LOOPBACK, plain.port()).build();
            try (Lease<CapnpConnection> lease = pool.acquire(clear)) {
                call(lease, "echo:clear");
            }
            assertThrows(ConnectFailedException.class, () -> pool.acquire(tls),
                "a TLS key gets a TLS handshake (which a cleartext server fails), never the idle cleartext connection");
            final UnsupportedKeyException refused = assertThrows(UnsupportedKeyException.class,
                () -> new TcpConnector(NetFixture.OPTIONS, Handshake.none()).connect(tls, 1_000_000_000L));
            assertEquals(PoolKey.Field.SECURITY, refused.field());
        }
    }

    @Test
    void bearerCredential_keysDifferingOnlyInToken_eachConnectionAuthenticatedWithItsOwn() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(LOOPBACK);
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey alice = Keys.cleartext(LOOPBACK, server.port())
                .credentials(Credentials.bearer(Secret.ofUtf8("token-alice"))).build();
            final PoolKey bob = alice.toBuilder().credentials(Credentials.bearer(Secret.ofUtf8("token-bob0"))).build();
            final String[] replies = useBoth(pool, alice, bob);
            assertEquals("bearer:token-alice", field(replies[0], "auth"));
            assertEquals("bearer:token-bob0", field(replies[1], "auth"));
        }
    }

    @Test
    void proxyCredentials_keysDifferingOnlyInProxyLogin_eachTunnelOpenedWithItsOwn() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(LOOPBACK);
             TestProxy proxy = new TestProxy(null);
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey viaAlice = Keys.cleartext(LOOPBACK, server.port()).proxyChain(List.of(ProxyHop.httpConnect(
                LOOPBACK, proxy.port(), Credentials.basic("alice", Secret.ofUtf8("pa55"))))).build();
            final PoolKey viaBob = viaAlice.toBuilder().proxyChain(List.of(ProxyHop.httpConnect(LOOPBACK,
                proxy.port(), Credentials.basic("bob", Secret.ofUtf8("pa55"))))).build();
            useBoth(pool, viaAlice, viaBob);
            final List<TestProxy.Request> tunnels = proxy.requests();
            assertEquals(2, tunnels.size(), "one tunnel per key");
            assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:pa55".getBytes()),
                tunnels.get(0).authorization());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("bob:pa55".getBytes()),
                tunnels.get(1).authorization());
        }
    }

    @Test
    void ipv6ScopeId_sameAddressBytesOtherScope_neverShares() throws Exception {
        final InetAddress v6loopback = InetAddress.getByName("::1");
        try (LoopbackServer server = LoopbackServer.plain(v6loopback);
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final InetAddress unscoped = Keys.v6(v6loopback.getAddress(), 0);
            final InetAddress scoped = Keys.v6(v6loopback.getAddress(), loopbackInterfaceIndex());
            assertEquals(unscoped, scoped, "the JDK calls them equal");
            final PoolKey a = Keys.cleartext(unscoped, server.port()).build();
            final PoolKey b = Keys.cleartext(scoped, server.port()).build();
            assertNotEquals(a, b);
            useBoth(pool, a, b);
            assertEquals(2, server.acceptedCount());
            assertEquals(scoped, b.socketAddress().getAddress());
            assertEquals(loopbackInterfaceIndex(), ((Inet6Address) b.socketAddress().getAddress()).getScopeId(),
                "dialed with the key's scope");
        }
    }

    private static int loopbackInterfaceIndex() throws java.net.SocketException {
        return java.net.NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isLoopback();
            } catch (final java.net.SocketException e) {
                return false;
            }
        }).findFirst().orElseThrow().getIndex();
    }

    @Test
    void sniVersusDialedHost_keysDifferingOnlyInSni_eachSendsItsOwnAndBothDialTheKeysAddress() throws Exception {
        try (LoopbackServer server = LoopbackServer.tls(LOOPBACK, false, "capnp/1");
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey first = Keys.tls(LOOPBACK, server.port()).sni("server.test").build();
            // A name that resolves nowhere: the connector must still dial the key's address, not the SNI name.
            final PoolKey second = first.toBuilder().sni("unresolvable.invalid").build();
            final String[] replies = useBoth(pool, first, second);
            assertEquals("server.test", field(replies[0], "sni"));
            assertEquals("unresolvable.invalid", field(replies[1], "sni"));
        }
    }

    @Test
    void tenant_keysDifferingOnlyInTenant_neverShare() throws Exception {
        try (LoopbackServer server = LoopbackServer.plain(LOOPBACK);
             KeyedPool<CapnpConnection> pool = NetFixture.pool()) {
            final PoolKey acme = Keys.cleartext(LOOPBACK, server.port()).tenant("acme").build();
            final PoolKey globex = acme.toBuilder().tenant("globex").build();
            final String[] replies = useBoth(pool, acme, globex);
            assertEquals("acme", field(replies[0], "tenant"));
            assertEquals("globex", field(replies[1], "tenant"));
            assertEquals(2, pool.stats().keys().size());
        }
    }
}
