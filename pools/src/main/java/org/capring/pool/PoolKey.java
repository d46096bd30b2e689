package org.capring.pool;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SNIHostName;

/**
 * Everything that decides whether a pooled connection may serve a caller: the target as dialed, the transport, TLS
 * and its whole configuration, the proxy chain and its credentials, the connection's credentials, the authority it
 * acts under (capability id and epoch), the tenant, the caller where policy depends on it, and the request
 * transformation policy. A connection opened for one key is only ever reused for an {@linkplain #equals equal} key.
 *
 * <p><b>Equality is field by field.</b> {@link #hashCode} is an index for hash tables and nothing more: two keys with
 * the same hash but one different field are different keys. Addresses are compared as bytes plus IPv6 scope id
 * ({@link java.net.Inet6Address#equals} ignores the scope); trust anchors and client identities by SHA-256 of their
 * content; secrets in full.
 *
 * <p><b>No defaults.</b> There is no default key and no field that silently takes a value: {@link Builder#build}
 * refuses a key with any field unset with a {@link PoolKeyException} naming the field. Fields that have an "absent"
 * value say so explicitly ({@link Builder#noSni}, {@link Builder#direct}, {@link Credentials#none}, ...). A cleartext
 * key carries no TLS field; setting one on it is refused too.
 *
 * <p><b>One source of truth.</b> A connector dials {@link #socketAddress()} (rebuilt from the compared bytes and scope
 * id), through {@link #proxyChain()}, and presents {@link #sni()}; it never takes a host or a server name from
 * anywhere else. {@link #toString} prints no secret.
 *
 * <p>Immutable and thread-safe.
 *
 * {@snippet :
 * PoolKey key = PoolKey.builder()
 *     .address(InetAddress.getLoopbackAddress()).port(7000).transport(PoolKey.Transport.TCP)
 *     .cleartext()
 *     .direct().credentials(Credentials.none())
 *     .authority(42, 1).tenant("acme").noCallerIdentity().requestPolicy("passthrough")
 *     .build();
 * }
 */
public final class PoolKey {
    /** Every field of a key; {@link PoolKeyException#field()} names one of them. */
    public enum Field {
        /** The resolved address dialed (its bytes). */
        ADDRESS,
        /** The IPv6 scope id of the address (0: none); set together with {@link #ADDRESS}. */
        SCOPE_ID,
        /** The port dialed. */
        PORT,
        /** The transport. */
        TRANSPORT,
        /** TLS on or off. */
        SECURITY,
        /** The TLS server name indication sent, or none. */
        SNI,
        /** The ALPN protocols offered, in preference order (may be empty). */
        ALPN,
        /** The CA set trusted, by content. */
        TRUST_ANCHORS,
        /** Whether the peer's certificate must name the SNI host. */
        HOSTNAME_VERIFICATION,
        /** Whether the peer's chain must lead to a trust anchor. */
        CERTIFICATE_VERIFICATION,
        /** The client certificate and key presented, or none. */
        CLIENT_IDENTITY,
        /** The proxies tunnelled through, in order, with their credentials (empty: direct). */
        PROXY_CHAIN,
        /** The credentials of the connection itself. */
        CREDENTIALS,
        /** The id of the capability whose authority the connection carries. */
        AUTHORITY_ID,
        /** The epoch of that authority; bumping it revokes connections of older epochs. */
        AUTHORITY_EPOCH,
        /** The tenant or namespace. */
        TENANT,
        /** The caller's identity where policy depends on it, or none. */
        CALLER_IDENTITY,
        /** The request transformation policy applied on the connection. */
        REQUEST_POLICY;

        /** The fields that exist only on TLS keys. */
        public static final Set<Field> TLS_ONLY = Set.copyOf(EnumSet.of(SNI, ALPN, TRUST_ANCHORS,
            HOSTNAME_VERIFICATION, CERTIFICATE_VERIFICATION, CLIENT_IDENTITY));
    }

    /** How bytes travel. */
    public enum Transport {
        /** A TCP stream to {@link PoolKey#socketAddress()}. */
        TCP
    }

    /** TLS on or off. */
    public enum Security {
        /** No TLS: bytes travel in the clear. */
        CLEARTEXT,
        /** TLS with the key's SNI, ALPN, trust anchors, verification policies and client identity. */
        TLS
    }

    /** Hostname verification policy of a TLS key. */
    public enum HostnameVerification {
        /** The peer's certificate must match the key's SNI host name (HTTPS endpoint identification). */
        VERIFY_SNI_NAME,
        /** The certificate's names are not checked (the chain may still be). */
        SKIP
    }

    /** Certificate verification policy of a TLS key. */
    public enum CertificateVerification {
        /** The peer's chain must lead to one of the key's trust anchors. */
        CHAIN_TO_TRUST_ANCHORS,
        /**
         * Any certificate is accepted: for tests and for authentication done above TLS. The trust anchors are then
         * not consulted (but still part of the key's identity).
         */
        INSECURE_ACCEPT_ANY
    }

    private final byte[] address;
    private final int scopeId;
    private final int port;
    private final Transport transport;
    private final Security security;
    private final String sni;
    private final List<String> alpn;
    private final TrustAnchors trustAnchors;
    private final HostnameVerification hostnameVerification;
    private final CertificateVerification certificateVerification;
    private final ClientIdentity clientIdentity;
    private final List<ProxyHop> proxyChain;
    private final Credentials credentials;
    private final long authorityId;
    private final long authorityEpoch;
    private final String tenant;
    private final String callerIdentity;
    private final String requestPolicy;
    private final int hash;

    private PoolKey(final Builder b) {
        address = b.address;
        scopeId = b.scopeId;
        port = b.port;
        transport = b.transport;
        security = b.security;
        sni = b.sni;
        alpn = b.alpn;
        trustAnchors = b.trustAnchors;
        hostnameVerification = b.hostnameVerification;
        certificateVerification = b.certificateVerification;
        clientIdentity = b.clientIdentity;
        proxyChain = b.proxyChain;
        credentials = b.credentials;
        authorityId = b.authorityId;
        authorityEpoch = b.authorityEpoch;
        tenant = b.tenant;
        callerIdentity = b.callerIdentity;
        requestPolicy = b.requestPolicy;
        // A plain polynomial over the fields' own hashes: an index, deliberately not collision-resistant (equality
        // never relies on it, and the tests build colliding keys from colliding strings).
        int h = Arrays.hashCode(address);
        h = 31 * h + scopeId;
        h = 31 * h + port;
        h = 31 * h + transport.ordinal();
        h = 31 * h + security.ordinal();
        h = 31 * h + Objects.hashCode(sni);
        h = 31 * h + alpn.hashCode();
        h = 31 * h + trustAnchors.hashCode();
        h = 31 * h + (hostnameVerification == null ? -1 : hostnameVerification.ordinal());
        h = 31 * h + (certificateVerification == null ? -1 : certificateVerification.ordinal());
        h = 31 * h + Objects.hashCode(clientIdentity);
        h = 31 * h + proxyChain.hashCode();
        h = 31 * h + credentials.hashCode();
        h = 31 * h + Long.hashCode(authorityId);
        h = 31 * h + Long.hashCode(authorityEpoch);
        h = 31 * h + tenant.hashCode();
        h = 31 * h + Objects.hashCode(callerIdentity);
        h = 31 * h + requestPolicy.hashCode();
        hash = h;
    }

    /** @return an empty builder: every field must be set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding every field of this key, to derive a key that differs in some of them */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @param epoch the new epoch
     * @return this key with another {@link Field#AUTHORITY_EPOCH}
     * @throws PoolKeyException if {@code epoch} is negative
     */
    public PoolKey withEpoch(final long epoch) {
        return toBuilder().authority(authorityId, epoch).build();
    }

    /** @return the address to dial: rebuilt from the compared bytes and scope id, with no host name */
    public InetAddress address() {
        return Addresses.dialable(address, scopeId);
    }

    /** @return the IPv6 scope id, 0 for none */
    public int scopeId() {
        return scopeId;
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** @return exactly what a connector dials (or asks the last proxy to tunnel to) */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address(), port);
    }

    /** @return the transport */
    public Transport transport() {
        return transport;
    }

    /** @return TLS on or off */
    public Security security() {
        return security;
    }

    /** @return whether this is a TLS key */
    public boolean tls() {
        return security == Security.TLS;
    }

    /** @return the SNI host name to send; empty for none and for cleartext keys */
    public Optional<String> sni() {
        return Optional.ofNullable(sni);
    }

    /** @return the ALPN protocols to offer, in preference order; empty for none and for cleartext keys */
    public List<String> alpn() {
        return alpn;
    }

    /** @return the CA set; {@link TrustAnchors#none()} for cleartext keys */
    public TrustAnchors trustAnchors() {
        return trustAnchors;
    }

    /** @return the hostname verification policy; empty for cleartext keys */
    public Optional<HostnameVerification> hostnameVerification() {
        return Optional.ofNullable(hostnameVerification);
    }

    /** @return the certificate verification policy; empty for cleartext keys */
    public Optional<CertificateVerification> certificateVerification() {
        return Optional.ofNullable(certificateVerification);
    }

    /** @return the client identity to present; empty for none and for cleartext keys */
    public Optional<ClientIdentity> clientIdentity() {
        return Optional.ofNullable(clientIdentity);
    }

    /** @return the proxies to tunnel through, first hop first; empty when dialing directly */
    public List<ProxyHop> proxyChain() {
        return proxyChain;
    }

    /** @return the connection's credentials */
    public Credentials credentials() {
        return credentials;
    }

    /** @return the id of the capability whose authority the connection carries */
    public long authorityId() {
        return authorityId;
    }

    /** @return the epoch of that authority */
    public long authorityEpoch() {
        return authorityEpoch;
    }

    /** @return the tenant or namespace */
    public String tenant() {
        return tenant;
    }

    /** @return the caller identity; empty when policy does not depend on the caller */
    public Optional<String> callerIdentity() {
        return Optional.ofNullable(callerIdentity);
    }

    /** @return the request transformation policy */
    public String requestPolicy() {
        return requestPolicy;
    }

    /**
     * Field-by-field equality; the cached hash only rejects early (unequal hashes imply an unequal field).
     *
     * @param other another object
     * @return whether {@code other} is a key with every field equal
     */
    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof PoolKey that && hash == that.hash && port == that.port && scopeId == that.scopeId
            && authorityId == that.authorityId && authorityEpoch == that.authorityEpoch
            && transport == that.transport && security == that.security
            && hostnameVerification == that.hostnameVerification
            && certificateVerification == that.certificateVerification
            && Arrays.equals(address, that.address) && Objects.equals(sni, that.sni) && alpn.equals(that.alpn)
            && trustAnchors.equals(that.trustAnchors) && Objects.equals(clientIdentity, that.clientIdentity)
            && proxyChain.equals(that.proxyChain) && credentials.equals(that.credentials)
            && tenant.equals(that.tenant) && Objects.equals(callerIdentity, that.callerIdentity)
            && requestPolicy.equals(that.requestPolicy);
    }

    /** @return an index over the fields; never a decision (see {@link #equals}) */
    @Override
    public int hashCode() {
        return hash;
    }

    /** @return the key for logs and metrics: every field but no secret (credentials appear as their scheme) */
    @Override
    public String toString() {
        final StringBuilder s = new StringBuilder("PoolKey[").append(Addresses.text(address, scopeId, port))
            .append(' ').append(transport);
        if (tls()) {
            s.append(" tls sni=").append(sni == null ? "-" : sni).append(" alpn=").append(alpn)
                .append(" anchors=").append(trustAnchors.fingerprints()).append(' ').append(hostnameVerification)
                .append(' ').append(certificateVerification).append(" client=")
                .append(clientIdentity == null ? "-" : clientIdentity.leafFingerprint());
        } else {
            s.append(" cleartext");
        }
        s.append(" proxies=").append(proxyChain).append(" credentials=").append(credentials.scheme())
            .append(" authority=").append(authorityId).append('@').append(authorityEpoch)
            .append(" tenant=").append(tenant).append(" caller=").append(callerIdentity == null ? "-" : callerIdentity)
            .append(" policy=").append(requestPolicy).append(']');
        return s.toString();
    }

    /**
     * Builds a {@link PoolKey}. Every field must be set, each exactly as the connection will use it. Not
     * thread-safe; a builder can be reused after {@link #build} (it keeps its fields) and after a refusal.
     */
    public static final class Builder {
        private final EnumSet<Field> set = EnumSet.noneOf(Field.class);
        private byte[] address;
        private int scopeId;
        private int port;
        private Transport transport;
        private Security security;
        private String sni;
        private List<String> alpn = List.of();
        private TrustAnchors trustAnchors = TrustAnchors.none();
        private HostnameVerification hostnameVerification;
        private CertificateVerification certificateVerification;
        private ClientIdentity clientIdentity;
        private List<ProxyHop> proxyChain;
        private Credentials credentials;
        private long authorityId;
        private long authorityEpoch;
        private String tenant;
        private String callerIdentity;
        private String requestPolicy;

        private Builder() {
        }

        private Builder(final PoolKey key) {
            address = key.address;
            scopeId = key.scopeId;
            port = key.port;
            transport = key.transport;
            security = key.security;
            sni = key.sni;
            alpn = key.alpn;
            trustAnchors = key.trustAnchors;
            hostnameVerification = key.hostnameVerification;
            certificateVerification = key.certificateVerification;
            clientIdentity = key.clientIdentity;
            proxyChain = key.proxyChain;
            credentials = key.credentials;
            authorityId = key.authorityId;
            authorityEpoch = key.authorityEpoch;
            tenant = key.tenant;
            callerIdentity = key.callerIdentity;
            requestPolicy = key.requestPolicy;
            set.addAll(EnumSet.allOf(Field.class));
            if (!key.tls()) {
                set.removeAll(Field.TLS_ONLY);
            }
        }

        /**
         * Sets {@link Field#ADDRESS} and {@link Field#SCOPE_ID}.
         *
         * @param resolved the resolved address to dial; its IPv6 scope id is part of the key
         * @return this builder
         * @throws NullPointerException if {@code resolved} is null
         */
        public Builder address(final InetAddress resolved) {
            Objects.requireNonNull(resolved, "resolved");
            address = resolved.getAddress();
            scopeId = Addresses.scopeId(resolved);
            set.add(Field.ADDRESS);
            set.add(Field.SCOPE_ID);
            return this;
        }

        /**
         * @param value the port, 1 to 65535 (checked by {@link #build})
         * @return this builder
         */
        public Builder port(final int value) {
            port = value;
            set.add(Field.PORT);
            return this;
        }

        /**
         * @param value the transport
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder transport(final Transport value) {
            transport = Objects.requireNonNull(value, "transport");
            set.add(Field.TRANSPORT);
            return this;
        }

        /** @return this builder, for a key without TLS: no TLS field may then be set */
        public Builder cleartext() {
            security = Security.CLEARTEXT;
            set.add(Field.SECURITY);
            return this;
        }

        /** @return this builder, for a TLS key: every TLS field must then be set */
        public Builder tls() {
            security = Security.TLS;
            set.add(Field.SECURITY);
            return this;
        }

        /**
         * @param hostName the SNI host name to send (a DNS name, not an IP literal; checked by {@link #build})
         * @return this builder
         * @throws NullPointerException if {@code hostName} is null
         */
        public Builder sni(final String hostName) {
            sni = Objects.requireNonNull(hostName, "hostName");
            set.add(Field.SNI);
            return this;
        }

        /** @return this builder, sending no SNI */
        public Builder noSni() {
            sni = null;
            set.add(Field.SNI);
            return this;
        }

        /**
         * @param protocols the ALPN protocols to offer, most preferred first; empty to offer none
         * @return this builder
         * @throws NullPointerException if the list or an element is null
         */
        public Builder alpn(final List<String> protocols) {
            alpn = List.copyOf(protocols);
            set.add(Field.ALPN);
            return this;
        }

        /**
         * @param anchors the CA set to trust (may be {@link TrustAnchors#none()} only with
         *                {@link CertificateVerification#INSECURE_ACCEPT_ANY})
         * @return this builder
         * @throws NullPointerException if {@code anchors} is null
         */
        public Builder trustAnchors(final TrustAnchors anchors) {
            trustAnchors = Objects.requireNonNull(anchors, "anchors");
            set.add(Field.TRUST_ANCHORS);
            return this;
        }

        /**
         * @param policy the hostname verification policy
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder hostnameVerification(final HostnameVerification policy) {
            hostnameVerification = Objects.requireNonNull(policy, "policy");
            set.add(Field.HOSTNAME_VERIFICATION);
            return this;
        }

        /**
         * @param policy the certificate verification policy
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder certificateVerification(final CertificateVerification policy) {
            certificateVerification = Objects.requireNonNull(policy, "policy");
            set.add(Field.CERTIFICATE_VERIFICATION);
            return this;
        }

        /**
         * @param identity the client certificate chain and key to present
         * @return this builder
         * @throws NullPointerException if {@code identity} is null
         */
        public Builder clientIdentity(final ClientIdentity identity) {
            clientIdentity = Objects.requireNonNull(identity, "identity");
            set.add(Field.CLIENT_IDENTITY);
            return this;
        }

        /** @return this builder, presenting no client certificate */
        public Builder noClientIdentity() {
            clientIdentity = null;
            set.add(Field.CLIENT_IDENTITY);
            return this;
        }

        /**
         * @param hops the proxies to tunnel through, first hop first
         * @return this builder
         * @throws NullPointerException if the list or an element is null
         */
        public Builder proxyChain(final List<ProxyHop> hops) {
            proxyChain = List.copyOf(hops);
            set.add(Field.PROXY_CHAIN);
            return this;
        }

        /** @return this builder, dialing the target directly (an empty proxy chain) */
        public Builder direct() {
            return proxyChain(List.of());
        }

        /**
         * @param value the connection's credentials ({@link Credentials#none()} for none)
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder credentials(final Credentials value) {
            credentials = Objects.requireNonNull(value, "credentials");
            set.add(Field.CREDENTIALS);
            return this;
        }

        /**
         * Sets {@link Field#AUTHORITY_ID} and {@link Field#AUTHORITY_EPOCH}.
         *
         * @param capabilityId the capability whose authority the connection carries
         * @param epoch        its epoch, at least 0 (checked by {@link #build})
         * @return this builder
         */
        public Builder authority(final long capabilityId, final long epoch) {
            authorityId = capabilityId;
            authorityEpoch = epoch;
            set.add(Field.AUTHORITY_ID);
            set.add(Field.AUTHORITY_EPOCH);
            return this;
        }

        /**
         * @param value the tenant or namespace, non-empty (checked by {@link #build})
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder tenant(final String value) {
            tenant = Objects.requireNonNull(value, "tenant");
            set.add(Field.TENANT);
            return this;
        }

        /**
         * @param identity the caller's identity, for keys whose policy depends on the caller (non-empty)
         * @return this builder
         * @throws NullPointerException if {@code identity} is null
         */
        public Builder callerIdentity(final String identity) {
            callerIdentity = Objects.requireNonNull(identity, "identity");
            set.add(Field.CALLER_IDENTITY);
            return this;
        }

        /** @return this builder, for keys whose policy does not depend on the caller */
        public Builder noCallerIdentity() {
            callerIdentity = null;
            set.add(Field.CALLER_IDENTITY);
            return this;
        }

        /**
         * @param policy the name of the request transformation policy applied on the connection, non-empty
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder requestPolicy(final String policy) {
            requestPolicy = Objects.requireNonNull(policy, "policy");
            set.add(Field.REQUEST_POLICY);
            return this;
        }

        /**
         * @return the key
         * @throws PoolKeyException naming the first field (in {@link Field} order) that is unset
         *                          ({@link PoolKeyException.Problem#MISSING}), invalid, or set on a cleartext key
         *                          although it is TLS-only ({@link PoolKeyException.Problem#NOT_APPLICABLE})
         */
        public PoolKey build() {
            final boolean isTls = security == Security.TLS;
            for (final Field field : Field.values()) {
                final boolean tlsOnly = Field.TLS_ONLY.contains(field);
                if (tlsOnly && security == Security.CLEARTEXT) {
                    if (set.contains(field)) {
                        throw new PoolKeyException(field, PoolKeyException.Problem.NOT_APPLICABLE,
                            "a cleartext key has no TLS settings");
                    }
                } else if (!set.contains(field)) {
                    throw new PoolKeyException(field, PoolKeyException.Problem.MISSING, "every key field must be set");
                }
            }
            check(port >= 1 && port <= 65_535, Field.PORT, "port out of range: " + port);
            check(authorityEpoch >= 0, Field.AUTHORITY_EPOCH, "negative epoch: " + authorityEpoch);
            check(!tenant.isEmpty(), Field.TENANT, "empty tenant");
            check(callerIdentity == null || !callerIdentity.isEmpty(), Field.CALLER_IDENTITY,
                "empty caller identity; use noCallerIdentity()");
            check(!requestPolicy.isEmpty(), Field.REQUEST_POLICY, "empty policy name");
            if (isTls) {
                checkTls();
            } else {
                sni = null;
                alpn = List.of();
                trustAnchors = TrustAnchors.none();
                hostnameVerification = null;
                certificateVerification = null;
                clientIdentity = null;
            }
            return new PoolKey(this);
        }

        private void checkTls() {
            if (sni != null) {
                try {
                    new SNIHostName(sni);
                } catch (final IllegalArgumentException e) {
                    throw new PoolKeyException(Field.SNI, PoolKeyException.Problem.INVALID,
                        "not a valid SNI host name: " + e.getMessage());
                }
                check(!isIpLiteral(sni), Field.SNI, "an IP literal is not a server name: " + sni);
            }
            for (final String protocol : alpn) {
                final int bytes = protocol.getBytes(StandardCharsets.UTF_8).length;
                check(bytes >= 1 && bytes <= 255, Field.ALPN, "ALPN protocol names are 1 to 255 bytes");
            }
            check(alpn.stream().distinct().count() == alpn.size(), Field.ALPN, "duplicate ALPN protocol");
            if (certificateVerification == CertificateVerification.CHAIN_TO_TRUST_ANCHORS) {
                check(!trustAnchors.isEmpty(), Field.TRUST_ANCHORS, "chain verification needs a CA");
            }
            if (hostnameVerification == HostnameVerification.VERIFY_SNI_NAME) {
                check(sni != null, Field.HOSTNAME_VERIFICATION, "VERIFY_SNI_NAME needs an SNI host name");
                check(certificateVerification == CertificateVerification.CHAIN_TO_TRUST_ANCHORS,
                    Field.HOSTNAME_VERIFICATION, "a hostname check without chain verification proves nothing");
            }
        }

        private static boolean isIpLiteral(final String name) {
            return name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        }

        private static void check(final boolean ok, final Field field, final String detail) {
            if (!ok) {
                throw new PoolKeyException(field, PoolKeyException.Problem.INVALID, detail);
            }
        }
    }
}
