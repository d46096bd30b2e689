package org.capring.pool;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keys for tests: complete bases, and families of keys that differ from a base in exactly one field, plus an oracle
 * that compares keys accessor by accessor, independently of {@link PoolKey#equals}.
 */
public final class Keys {
    /** Authority id of the base keys. */
    public static final long AUTHORITY = 42;

    private Keys() {
    }

    /**
     * @param bytes address bytes
     * @param scope scope id
     * @return an IPv6 address with that scope
     */
    public static InetAddress v6(final byte[] bytes, final int scope) {
        try {
            return Inet6Address.getByAddress(null, bytes, scope);
        } catch (final UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * @param last the last byte
     * @return {@code 127.0.0.last}
     */
    public static InetAddress v4(final int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (final UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * @param address the address
     * @param port    the port
     * @return a complete cleartext builder
     */
    public static PoolKey.Builder cleartext(final InetAddress address, final int port) {
        return PoolKey.builder().address(address).port(port).transport(PoolKey.Transport.TCP).cleartext().direct()
            .credentials(Credentials.none()).authority(AUTHORITY, 0).tenant("acme").noCallerIdentity()
            .requestPolicy("passthrough");
    }

    /**
     * @param address the address
     * @param port    the port
     * @return a complete TLS builder: SNI server.test, ALPN capnp/1, trusting the test CA, chain checked, hostname
     *     check skipped, no client identity
     */
    public static PoolKey.Builder tls(final InetAddress address, final int port) {
        return cleartext(address, port).tls().sni("server.test").alpn(List.of("capnp/1"))
            .trustAnchors(TrustAnchors.of(TestPki.SHARED.ca.certificate()))
            .hostnameVerification(PoolKey.HostnameVerification.SKIP)
            .certificateVerification(PoolKey.CertificateVerification.CHAIN_TO_TRUST_ANCHORS).noClientIdentity();
    }

    /** @return the fields keys can differ in one at a time (every field but {@link PoolKey.Field#TRANSPORT}, which
     *     has a single value, and {@link PoolKey.Field#SECURITY}, whose change adds or drops the TLS fields) */
    public static Set<PoolKey.Field> singlyVariableFields() {
        final EnumSet<PoolKey.Field> fields = EnumSet.allOf(PoolKey.Field.class);
        fields.remove(PoolKey.Field.TRANSPORT);
        fields.remove(PoolKey.Field.SECURITY);
        return fields;
    }

    /**
     * @param field a field
     * @return how many pairwise different values {@link #family} can give it
     */
    public static int variants(final PoolKey.Field field) {
        return switch (field) {
            case HOSTNAME_VERIFICATION, CERTIFICATE_VERIFICATION -> 2;
            case TRUST_ANCHORS, CLIENT_IDENTITY -> 3;
            default -> 4;
        };
    }

    /**
     * @param field the field to vary
     * @param count how many keys, at most {@link #variants(PoolKey.Field)}
     * @return {@code count} keys, pairwise different in {@code field} alone (for {@link PoolKey.Field#SECURITY}: a
     *     cleartext key and TLS keys that differ from each other in the SNI)
     */
    public static List<PoolKey> family(final PoolKey.Field field, final int count) {
        final byte[] linkLocal = {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        final PoolKey base = tls(v6(linkLocal, 1), 7000).build();
        final List<PoolKey> keys = new ArrayList<>();
        for (int v = 0; v < count; v++) {
            final PoolKey.Builder b = base.toBuilder();
            switch (field) {
                case ADDRESS -> {
                    final byte[] bytes = linkLocal.clone();
                    bytes[15] = (byte) (1 + v);
                    b.address(v6(bytes, 1));
                }
                case SCOPE_ID -> b.address(v6(linkLocal, 1 + v));
                case PORT -> b.port(7000 + v);
                case TRANSPORT -> throw new IllegalArgumentException("TRANSPORT has one value");
                case SECURITY -> {
                    if (v == 0) {
                        keys.add(cleartext(base.address(), base.port()).build());
                        continue;
                    }
                    b.sni("s" + v + ".test");
                }
                case SNI -> {
                    if (v == 0) {
                        b.noSni();
                    } else {
                        b.sni("s" + v + ".test");
                    }
                }
                case ALPN -> b.alpn(v == 0 ? List.of() : List.of("capnp/" + v));
                case TRUST_ANCHORS -> b.trustAnchors(switch (v % 3) {
                    case 0 -> TrustAnchors.of(TestPki.SHARED.ca.certificate());
                    case 1 -> TrustAnchors.of(TestPki.SHARED.otherCa.certificate());
                    default -> TrustAnchors.of(TestPki.SHARED.ca.certificate(), TestPki.SHARED.otherCa.certificate());
                });
                case HOSTNAME_VERIFICATION -> b.hostnameVerification(PoolKey.HostnameVerification.values()[v % 2]);
                case CERTIFICATE_VERIFICATION ->
                    b.certificateVerification(PoolKey.CertificateVerification.values()[v % 2]);
                case CLIENT_IDENTITY -> {
                    switch (v % 3) {
                        case 0 -> b.noClientIdentity();
                        case 1 -> b.clientIdentity(TestPki.SHARED.clientA.identity());
                        default -> b.clientIdentity(TestPki.SHARED.clientB.identity());
                    }
                }
                case PROXY_CHAIN -> b.proxyChain(v == 0 ? List.of()
                    : List.of(ProxyHop.httpConnect(v4(1), 3128, Credentials.basic("p", Secret.ofUtf8("pw" + v)))));
                case CREDENTIALS -> b.credentials(v == 0 ? Credentials.none()
                    : Credentials.bearer(Secret.ofUtf8("token-" + v)));
                case AUTHORITY_ID -> b.authority(AUTHORITY + v, 0);
                case AUTHORITY_EPOCH -> b.authority(AUTHORITY, v);
                case TENANT -> b.tenant("tenant-" + v);
                case CALLER_IDENTITY -> {
                    if (v == 0) {
                        b.noCallerIdentity();
                    } else {
                        b.callerIdentity("caller-" + v);
                    }
                }
                case REQUEST_POLICY -> b.requestPolicy("policy-" + v);
            }
            keys.add(b.build());
        }
        return keys;
    }

    /**
     * The oracle: compares two keys through their accessors, one by one, without {@link PoolKey#equals}.
     *
     * @param a a key
     * @param b another
     * @return whether every field is the same
     */
    public static boolean sameFields(final PoolKey a, final PoolKey b) {
        return Arrays.equals(a.address().getAddress(), b.address().getAddress()) && a.scopeId() == b.scopeId()
            && a.port() == b.port() && a.transport() == b.transport() && a.security() == b.security()
            && a.sni().equals(b.sni()) && a.alpn().equals(b.alpn())
            && a.trustAnchors().fingerprints().equals(b.trustAnchors().fingerprints())
            && a.hostnameVerification().equals(b.hostnameVerification())
            && a.certificateVerification().equals(b.certificateVerification())
            && Objects.equals(a.clientIdentity().map(ClientIdentity::leafFingerprint).orElse(null),
                b.clientIdentity().map(ClientIdentity::leafFingerprint).orElse(null))
            && a.proxyChain().equals(b.proxyChain()) && sameCredentials(a.credentials(), b.credentials())
            && a.authorityId() == b.authorityId() && a.authorityEpoch() == b.authorityEpoch()
            && a.tenant().equals(b.tenant()) && a.callerIdentity().equals(b.callerIdentity())
            && a.requestPolicy().equals(b.requestPolicy());
    }

    private static boolean sameCredentials(final Credentials a, final Credentials b) {
        return switch (a) {
            case Credentials.None n -> b instanceof Credentials.None;
            case Credentials.Bearer x -> b instanceof Credentials.Bearer y
                && Arrays.equals(x.token().bytes(), y.token().bytes());
            case Credentials.Basic x -> b instanceof Credentials.Basic y && x.user().equals(y.user())
                && Arrays.equals(x.password().bytes(), y.password().bytes());
        };
    }
}
