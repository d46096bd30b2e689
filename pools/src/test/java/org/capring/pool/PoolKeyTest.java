package org.capring.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The key: no defaults, field-by-field equality, hashes only as an index, no secret printed. */
class PoolKeyTest {
    private static final InetAddress LOOPBACK = Keys.v4(1);

    /** Each builder call that sets a field, by field, for a TLS key. */
    private static Consumer<PoolKey.Builder> setter(final PoolKey.Field field) {
        return switch (field) {
            case ADDRESS, SCOPE_ID -> b -> b.address(LOOPBACK);
            case PORT -> b -> b.port(7000);
            case TRANSPORT -> b -> b.transport(PoolKey.Transport.TCP);
            case SECURITY -> PoolKey.Builder::tls;
            case SNI -> b -> b.sni("server.test");
            case ALPN -> b -> b.alpn(List.of("capnp/1"));
            case TRUST_ANCHORS -> b -> b.trustAnchors(TrustAnchors.of(TestPki.SHARED.ca.certificate()));
            case HOSTNAME_VERIFICATION -> b -> b.hostnameVerification(PoolKey.HostnameVerification.SKIP);
            case CERTIFICATE_VERIFICATION ->
                b -> b.certificateVerification(PoolKey.CertificateVerification.CHAIN_TO_TRUST_ANCHORS);
            case CLIENT_IDENTITY -> PoolKey.Builder::noClientIdentity;
            case PROXY_CHAIN -> PoolKey.Builder::direct;
            case CREDENTIALS -> b -> b.credentials(Credentials.none());
            case AUTHORITY_ID, AUTHORITY_EPOCH -> b -> b.authority(1, 0);
            case TENANT -> b -> b.tenant("acme");
            case CALLER_IDENTITY -> PoolKey.Builder::noCallerIdentity;
            case REQUEST_POLICY -> b -> b.requestPolicy("passthrough");
        };
    }

    @ParameterizedTest
    @EnumSource(PoolKey.Field.class)
    void build_fieldUnset_failsNamingTheField(final PoolKey.Field missing) {
        final PoolKey.Builder builder = PoolKey.builder();
        final EnumSet<PoolKey.Field> together = switch (missing) {
            case ADDRESS, SCOPE_ID -> EnumSet.of(PoolKey.Field.ADDRESS, PoolKey.Field.SCOPE_ID);
            case AUTHORITY_ID, AUTHORITY_EPOCH -> EnumSet.of(PoolKey.Field.AUTHORITY_ID, PoolKey.Field.AUTHORITY_EPOCH);
            default -> EnumSet.of(missing);
        };
        for (final PoolKey.Field field : PoolKey.Field.values()) {
            if (!together.contains(field)) {
                setter(field).accept(builder);
            }
        }
        final PoolKeyException e = assertThrows(PoolKeyException.class, builder::build);
        assertEquals(together.iterator().next(), e.field());
        assertEquals(PoolKeyException.Problem.MISSING, e.problem());
        // Nothing is lost: completing the builder builds the key.
        setter(missing).accept(builder);
        assertEquals(PoolKey.Security.TLS, builder.build().security());
    }

    @Test
    void build_noFieldSet_failsOnTheFirstField() {
        final PoolKeyException e = assertThrows(PoolKeyException.class, () -> PoolKey.builder().build());
        assertEquals(PoolKey.Field.ADDRESS, e.field());
    }

    @ParameterizedTest
    @EnumSource(value = PoolKey.Field.class, names = {"SNI", "ALPN", "TRUST_ANCHORS", "HOSTNAME_VERIFICATION",
        "CERTIFICATE_VERIFICATION", "CLIENT_IDENTITY"})
    void build_tlsFieldOnCleartextKey_refusedAsNotApplicable(final PoolKey.Field field) {
        final PoolKey.Builder builder = Keys.cleartext(LOOPBACK, 7000);
        setter(field).accept(builder);
        final PoolKeyException e = assertThrows(PoolKeyException.class, builder::build);
        assertEquals(field, e.field());
        assertEquals(PoolKeyException.Problem.NOT_APPLICABLE, e.problem());
    }

    @Test
    void build_invalidValues_refusedNamingTheField() {
        assertInvalid(PoolKey.Field.PORT, Keys.cleartext(LOOPBACK, 0));
        assertInvalid(PoolKey.Field.PORT, Keys.cleartext(LOOPBACK, 65_536));
        assertInvalid(PoolKey.Field.AUTHORITY_EPOCH, Keys.cleartext(LOOPBACK, 1).authority(1, -1));
        assertInvalid(PoolKey.Field.TENANT, Keys.cleartext(LOOPBACK, 1).tenant(""));
        assertInvalid(PoolKey.Field.CALLER_IDENTITY, Keys.cleartext(LOOPBACK, 1).callerIdentity(""));
        assertInvalid(PoolKey.Field.REQUEST_POLICY, Keys.cleartext(LOOPBACK, 1).requestPolicy(""));
        assertInvalid(PoolKey.Field.SNI, Keys.tls(LOOPBACK, 1).sni("127.0.0.1"));
        assertInvalid(PoolKey.Field.SNI, Keys.tls(LOOPBACK, 1).sni("bad name!"));
        assertInvalid(PoolKey.Field.ALPN, Keys.tls(LOOPBACK, 1).alpn(List.of("")));
        assertInvalid(PoolKey.Field.ALPN, Keys.tls(LOOPBACK, 1).alpn(List.of("h2", "h2")));
        assertInvalid(PoolKey.Field.TRUST_ANCHORS, Keys.tls(LOOPBACK, 1).trustAnchors(TrustAnchors.none()));
        assertInvalid(PoolKey.Field.HOSTNAME_VERIFICATION, Keys.tls(LOOPBACK, 1).noSni()
            .hostnameVerification(PoolKey.HostnameVerification.VERIFY_SNI_NAME));
        assertInvalid(PoolKey.Field.HOSTNAME_VERIFICATION, Keys.tls(LOOPBACK, 1).trustAnchors(TrustAnchors.none())
            .certificateVerification(PoolKey.CertificateVerification.INSECURE_ACCEPT_ANY)
            .hostnameVerification(PoolKey.HostnameVerification.VERIFY_SNI_NAME));
    }

    private static void assertInvalid(final PoolKey.Field field, final PoolKey.Builder builder) {
        final PoolKeyException e = assertThrows(PoolKeyException.class, builder::build);
        assertEquals(field, e.field(), e::getMessage);
        assertEquals(PoolKeyException.Problem.INVALID, e.problem());
    }

    @Test
    void equals_rebuiltFromTheSameFields_equalWithEqualHash() {
        final PoolKey a = Keys.tls(LOOPBACK, 7000).clientIdentity(TestPki.SHARED.clientA.identity())
            .credentials(Credentials.bearer(Secret.ofUtf8("t"))).build();
        final PoolKey b = Keys.tls(LOOPBACK, 7000).clientIdentity(TestPki.SHARED.clientA.identity())
            .credentials(Credentials.bearer(Secret.ofUtf8("t"))).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, a.toBuilder().build());
    }

    @ParameterizedTest
    @EnumSource(value = PoolKey.Field.class, names = "TRANSPORT", mode = EnumSource.Mode.EXCLUDE)
    void equals_keysDifferingInOneField_unequalBothWays(final PoolKey.Field field) {
        final List<PoolKey> family = Keys.family(field, Keys.variants(field));
        for (int i = 0; i < family.size(); i++) {
            for (int j = 0; j < family.size(); j++) {
                assertEquals(i == j, family.get(i).equals(family.get(j)), field + " " + i + " vs " + j);
                assertEquals(i == j, Keys.sameFields(family.get(i), family.get(j)), "oracle " + field);
            }
        }
    }

    @Test
    void transport_hasOneValue_soNoTwoKeysCanDifferInIt() {
        // Keys.singlyVariableFields() leaves TRANSPORT out for this reason; a second transport must be added there.
        assertEquals(1, PoolKey.Transport.values().length);
    }

    @Test
    void equals_sameAddressDifferentScopeId_unequalThoughInet6AddressSaysEqual() {
        final byte[] linkLocal = {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        final InetAddress scope1 = Keys.v6(linkLocal, 1);
        final InetAddress scope2 = Keys.v6(linkLocal, 2);
        assertEquals(scope1, scope2, "the JDK's equality ignores the scope: this is the trap");
        final PoolKey a = Keys.cleartext(scope1, 7000).build();
        final PoolKey b = Keys.cleartext(scope2, 7000).build();
        assertNotEquals(a, b);
        assertEquals(2, b.scopeId());
        assertEquals(2, ((java.net.Inet6Address) b.socketAddress().getAddress()).getScopeId(), "dialed as keyed");
    }

    @Test
    void equals_collidingHashCodes_stillUnequal() {
        assertEquals("Aa".hashCode(), "BB".hashCode());
        final PoolKey a = Keys.cleartext(LOOPBACK, 7000).tenant("Aa").build();
        final PoolKey b = Keys.cleartext(LOOPBACK, 7000).tenant("BB").build();
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, b);
    }

    @Test
    void equals_trustAnchorsInAnyOrderOrWithDuplicates_equal() {
        final var ca = TestPki.SHARED.ca.certificate();
        final var other = TestPki.SHARED.otherCa.certificate();
        assertEquals(TrustAnchors.of(ca, other), TrustAnchors.of(other, ca, other));
        assertNotEquals(TrustAnchors.of(ca), TrustAnchors.of(ca, other));
    }

    @Test
    void equals_secretsComparedInFull_sameLengthDifferentByteUnequal() {
        assertNotEquals(Secret.ofUtf8("token-aaaa"), Secret.ofUtf8("token-aaab"));
        assertEquals(Secret.ofUtf8("token-aaaa").hashCode(), Secret.ofUtf8("token-aaab").hashCode(),
            "a secret's hash says nothing about its bytes");
        assertNotEquals(Keys.cleartext(LOOPBACK, 1).credentials(Credentials.bearer(Secret.ofUtf8("token-aaaa"))).build(),
            Keys.cleartext(LOOPBACK, 1).credentials(Credentials.bearer(Secret.ofUtf8("token-aaab"))).build());
    }

    @Test
    void secretWipedByItsCaller_afterTheKeyWasBuilt_keyUnchanged() {
        final Secret token = Secret.ofUtf8("token-aaaa");
        final PoolKey key = Keys.cleartext(LOOPBACK, 1).credentials(Credentials.bearer(token)).build();
        token.wipe(); // a caller done with its secret
        assertEquals(Keys.cleartext(LOOPBACK, 1).credentials(Credentials.bearer(Secret.ofUtf8("token-aaaa"))).build(),
            key, "the key keeps its own copy");
        assertNotEquals(Keys.cleartext(LOOPBACK, 1).credentials(Credentials.bearer(Secret.of(new byte[10]))).build(),
            key, "and never becomes a key of zeros");
    }

    @Test
    void proxyBearerToken_notAToken68_refusedBeforeItCanReachTheConnectRequest() {
        for (final String bad : new String[] {"tok\r\nX-Injected: 1", "tok en", "tök", "=abc", "abc=d"}) {
            assertThrows(IllegalArgumentException.class,
                () -> ProxyHop.httpConnect(LOOPBACK, 3128, Credentials.bearer(Secret.ofUtf8(bad))), bad);
        }
        assertEquals(3128, ProxyHop.httpConnect(LOOPBACK, 3128,
            Credentials.bearer(Secret.ofUtf8("Az09-._~+/=="))).port());
    }

    @Test
    void toString_withSecrets_printsNoSecretByte() {
        final PoolKey key = Keys.tls(LOOPBACK, 7000).credentials(Credentials.basic("alice", Secret.ofUtf8("hunter2")))
            .proxyChain(List.of(ProxyHop.httpConnect(LOOPBACK, 3128, Credentials.bearer(Secret.ofUtf8("proxy-tok")))))
            .clientIdentity(TestPki.SHARED.clientA.identity()).build();
        final String text = key.toString() + key.credentials() + key.proxyChain() + key.clientIdentity().orElseThrow();
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("proxy-tok"), text);
        assertTrue(text.contains("basic"), text);
        assertTrue(text.contains("tenant=acme"), text);
    }

    @Test
    void builder_cleartextKeyTurnedTls_requiresEveryTlsField() {
        final PoolKey clear = Keys.cleartext(LOOPBACK, 7000).build();
        final PoolKeyException e = assertThrows(PoolKeyException.class, () -> clear.toBuilder().tls().build());
        assertEquals(PoolKey.Field.SNI, e.field());
        assertEquals(PoolKeyException.Problem.MISSING, e.problem());
    }

    @Test
    void withEpoch_otherEpoch_unequalKeySameOtherwise() {
        final PoolKey key = Keys.cleartext(LOOPBACK, 7000).build();
        final PoolKey next = key.withEpoch(1);
        assertNotEquals(key, next);
        assertEquals(key, next.withEpoch(0));
    }

    @Test
    void valueTypes_badInput_refused() {
        assertThrows(IllegalArgumentException.class, () -> Secret.of(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> TrustAnchors.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ClientIdentity.of(TestPki.SHARED.clientA.key(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> ProxyHop.httpConnect(LOOPBACK, 0, Credentials.none()));
        assertThrows(IllegalArgumentException.class, () -> Credentials.basic("a:b", Secret.ofUtf8("x")));
        assertThrows(NullPointerException.class, () -> PoolKey.builder().address(null));
    }

    @Test
    void clientIdentity_sameCertificateOtherKey_unequal() {
        final var a = TestPki.SHARED.clientA;
        final var b = TestPki.SHARED.clientB;
        assertNotEquals(ClientIdentity.of(a.key(), List.of(a.certificate())),
            ClientIdentity.of(b.key(), List.of(a.certificate())));
        assertEquals(a.identity(), ClientIdentity.of(a.key(), List.of(a.certificate())));
    }
}
