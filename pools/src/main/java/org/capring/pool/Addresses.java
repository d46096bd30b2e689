package org.capring.pool;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The one place that turns a resolved address into the parts a key compares (its bytes and its IPv6 scope id) and
 * back into the address that is dialed. {@link Inet6Address#equals} ignores the scope id, which is why keys never
 * compare {@link InetAddress} objects.
 */
final class Addresses {
    private Addresses() {
    }

    /**
     * @param address a resolved address
     * @return its IPv6 scope id, or 0 (no scope) for IPv4 and unscoped IPv6 addresses
     */
    static int scopeId(final InetAddress address) {
        return address instanceof Inet6Address v6 ? v6.getScopeId() : 0;
    }

    /**
     * @param bytes   4 or 16 address bytes
     * @param scopeId the IPv6 scope id, 0 for none
     * @return the address to dial, without a host name (so nothing can resolve it again)
     */
    static InetAddress dialable(final byte[] bytes, final int scopeId) {
        try {
            return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, scopeId)
                : InetAddress.getByAddress(bytes);
        } catch (final UnknownHostException e) {
            throw new IllegalStateException("address bytes were checked when the key was built", e);
        }
    }

    /**
     * @param bytes   address bytes
     * @param scopeId scope id
     * @param port    port
     * @return {@code 127.0.0.1:80} or {@code [fe80::1%2]:80}
     */
    static String text(final byte[] bytes, final int scopeId, final int port) {
        final String host = dialable(bytes, 0).getHostAddress();
        return bytes.length == 16 ? "[" + host + (scopeId != 0 ? "%" + scopeId : "") + "]:" + port : host + ":" + port;
    }
}
