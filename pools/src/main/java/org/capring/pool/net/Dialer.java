package org.capring.pool.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.capring.pool.Credentials;
import org.capring.pool.PoolKey;
import org.capring.pool.ProxyHop;
import org.capring.pool.Secret;

/**
 * Opens the TCP stream a key describes: to its first proxy hop (or its target), then one HTTP {@code CONNECT} per
 * hop, each asking for the next hop (the last for the key's target) with that hop's credentials. Addresses come only
 * from the key.
 */
final class Dialer {
    private static final int MAX_RESPONSE_HEAD = 8192;

    private Dialer() {
    }

    /**
     * @param key      what to reach
     * @param deadline {@link System#nanoTime()} by which the stream must be up
     * @return a connected, blocking channel, tunnelled through every proxy of the key
     * @throws IOException if a connect fails, a proxy refuses, or the deadline passes
     */
    static SocketChannel dial(final PoolKey key, final long deadline) throws IOException {
        final List<ProxyHop> hops = key.proxyChain();
        final InetSocketAddress first = hops.isEmpty() ? key.socketAddress()
            : new InetSocketAddress(hops.getFirst().address(), hops.getFirst().port());
        final SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().setTcpNoDelay(true);
            channel.socket().connect(first, remainingMillis(deadline));
            for (int i = 0; i < hops.size(); i++) {
                final InetSocketAddress next = i + 1 < hops.size()
                    ? new InetSocketAddress(hops.get(i + 1).address(), hops.get(i + 1).port()) : key.socketAddress();
                tunnel(channel, i, next, hops.get(i).credentials(), deadline);
            }
            return channel;
        } catch (final IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static int remainingMillis(final long deadline) throws SocketTimeoutException {
        final long leftNanos = deadline - System.nanoTime();
        if (leftNanos <= 0) {
            throw new SocketTimeoutException("connect deadline passed");
        }
        // Rounded up: a socket timeout of 0 means none, and a part of a millisecond left is still time given.
        return (int) Math.min((leftNanos + 999_999) / 1_000_000, Integer.MAX_VALUE);
    }

    /** {@code 127.0.0.1:80}, {@code [::1]:80}, {@code [fe80::1%2]:80}: the authority of a CONNECT request. */
    static String authority(final InetSocketAddress target) {
        final InetAddress address = target.getAddress();
        if (address instanceof Inet6Address v6) {
            final String text = v6.getHostAddress();
            final int percent = text.indexOf('%');
            final String host = percent < 0 ? text : text.substring(0, percent);
            return "[" + host + (v6.getScopeId() != 0 ? "%" + v6.getScopeId() : "") + "]:" + target.getPort();
        }
        return address.getHostAddress() + ":" + target.getPort();
    }

    private static void tunnel(final SocketChannel channel, final int hop, final InetSocketAddress next,
                               final Credentials credentials, final long deadline) throws IOException {
        final String authority = authority(next);
        final StringBuilder request = new StringBuilder("CONNECT ").append(authority).append(" HTTP/1.1\r\nHost: ")
            .append(authority).append("\r\n");
        switch (credentials) {
            case Credentials.None none -> { }
            case Credentials.Basic basic -> request.append("Proxy-Authorization: Basic ")
                .append(Base64.getEncoder().encodeToString(concat(basic.user(), basic.password()))).append("\r\n");
            case Credentials.Bearer bearer -> request.append("Proxy-Authorization: Bearer ")
                .append(new String(bearer.token().bytes(), StandardCharsets.UTF_8)).append("\r\n");
        }
        request.append("\r\n");
        final ByteBuffer out = ByteBuffer.wrap(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        channel.socket().setSoTimeout(remainingMillis(deadline));
        final String head = readHead(channel.socket().getInputStream());
        final String statusLine = head.substring(0, head.indexOf('\r'));
        final String[] parts = statusLine.split(" ", 3);
        final int status;
        try {
            status = parts.length >= 2 && parts[0].startsWith("HTTP/1.") ? Integer.parseInt(parts[1]) : -1;
        } catch (final NumberFormatException e) {
            throw new IOException("proxy hop " + hop + " answered no HTTP status: " + statusLine, e);
        }
        if (status != 200) {
            throw new ProxyRefusedException(hop, status, statusLine);
        }
    }

    private static byte[] concat(final String user, final Secret password) {
        final byte[] name = (user + ":").getBytes(StandardCharsets.UTF_8);
        final byte[] secret = password.bytes();
        final byte[] both = new byte[name.length + secret.length];
        System.arraycopy(name, 0, both, 0, name.length);
        System.arraycopy(secret, 0, both, name.length, secret.length);
        return both;
    }

    /** Reads the response head byte by byte, so that not one byte of the tunnelled stream is consumed. */
    private static String readHead(final InputStream in) throws IOException {
        final StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            final int b = in.read();
            if (b < 0) {
                throw new EOFException("proxy closed before answering CONNECT");
            }
            if (head.length() >= MAX_RESPONSE_HEAD) {
                throw new IOException("proxy response head longer than " + MAX_RESPONSE_HEAD + " bytes");
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
