package org.capring.pool;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One HTTP {@code CONNECT} proxy of a key's proxy chain: its resolved address (with its IPv6 scope id), port and the
 * credentials presented to it. Equality compares the address bytes, the scope id, the port and the credentials in
 * full; {@link #toString} never prints a secret. Immutable and thread-safe.
 */
public final class ProxyHop {
    private final byte[] address;
    private final int scopeId;
    private final int port;
    private final Credentials credentials;

    private ProxyHop(final byte[] address, final int scopeId, final int port, final Credentials credentials) {
        this.address = address;
        this.scopeId = scopeId;
        this.port = port;
        this.credentials = credentials;
    }

    /**
     * @param address     the proxy's resolved address
     * @param port        its port, 1 to 65535
     * @param credentials what to present to it ({@link Credentials#none()}, or {@link Credentials.Basic} sent as
     *                    {@code Proxy-Authorization: Basic}, or {@link Credentials.Bearer} as {@code Bearer})
     * @return the hop
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the port is out of range, or a bearer token is not an HTTP token68 (letters,
     *                                  digits, {@code -._~+/}, then {@code =} padding): anything else would be
     *                                  mangled or, with CR or LF, inject header lines into the {@code CONNECT}
     */
    public static ProxyHop httpConnect(final InetAddress address, final int port, final Credentials credentials) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(credentials, "credentials");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("proxy port out of range: " + port);
        }
        if (credentials instanceof Credentials.Bearer bearer && !isToken68(bearer.token().bytes())) {
            throw new IllegalArgumentException("a proxy's bearer token must be an HTTP token68 (RFC 9110 11.2): "
                + "letters, digits, -._~+/ and trailing = only");
        }
        return new ProxyHop(address.getAddress(), Addresses.scopeId(address), port, credentials);
    }

    /** token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
    private static boolean isToken68(final byte[] token) {
        int i = 0;
        while (i < token.length && isToken68Char(token[i])) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < token.length && token[i] == '=') {
            i++;
        }
        final boolean valid = i == token.length;
        Arrays.fill(token, (byte) 0); // a copy of the secret: wiped once read
        return valid;
    }

    private static boolean isToken68Char(final byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || "-._~+/".indexOf(b) >= 0;
    }

    /** @return the address to dial, rebuilt from the compared bytes and scope id */
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

    /** @return the credentials presented to this proxy */
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ProxyHop that && port == that.port && scopeId == that.scopeId
            && Arrays.equals(address, that.address) && credentials.equals(that.credentials);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(address) * 31 + scopeId) * 31 + port;
    }

    @Override
    public String toString() {
        return "connect-proxy " + Addresses.text(address, scopeId, port) + " (" + credentials.scheme() + ")";
    }
}
