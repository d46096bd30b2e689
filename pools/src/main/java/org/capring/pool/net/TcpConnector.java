package org.capring.pool.net;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Objects;

import org.capring.pool.CloseReason;
import org.capring.pool.Connector;
import org.capring.pool.PoolKey;

/**
 * Opens cleartext TCP connections: dials exactly {@link PoolKey#socketAddress()} (through the key's proxy chain),
 * then runs the handshake. Refuses TLS keys with {@link UnsupportedKeyException} rather than dial them in the clear.
 * Thread-safe.
 *
 * {@snippet :
 * Connector<CapnpConnection> connector = new TcpConnector(ConnectorOptions.defaults(), Handshake.none());
 * }
 */
public final class TcpConnector implements Connector<CapnpConnection> {
    private final ConnectorOptions options;
    private final Handshake handshake;

    /**
     * @param options   how connections are read
     * @param handshake what to exchange on a fresh connection ({@link Handshake#none()} for nothing)
     * @throws NullPointerException if an argument is null
     */
    public TcpConnector(final ConnectorOptions options, final Handshake handshake) {
        this.options = Objects.requireNonNull(options, "options");
        this.handshake = Objects.requireNonNull(handshake, "handshake");
    }

    /**
     * @throws UnsupportedKeyException if the key is a TLS key
     * @throws IOException             if the connect, a proxy or the handshake fails, or the timeout passes
     */
    @Override
    public CapnpConnection connect(final PoolKey key, final long timeoutNanos) throws IOException {
        if (key.tls()) {
            throw new UnsupportedKeyException(PoolKey.Field.SECURITY, "a TLS key; the TCP connector speaks cleartext");
        }
        final long deadline = System.nanoTime() + timeoutNanos;
        final SocketChannel channel = Dialer.dial(key, deadline);
        return open(key, new PlainWire(channel), channel, deadline, options, handshake);
    }

    /** Runs the handshake within the deadline, then sets the read timeout; closes the wire on failure. */
    static CapnpConnection open(final PoolKey key, final Wire wire, final SocketChannel channel, final long deadline,
                                final ConnectorOptions options, final Handshake handshake) throws IOException {
        try {
            channel.socket().setSoTimeout(Dialer.remainingMillis(deadline));
            final CapnpConnection connection = new CapnpConnection(key, wire, options);
            handshake.perform(connection);
            final CloseReason unclean = connection.checkReturn();
            if (unclean != null) {
                throw new IOException("the handshake left the connection unclean: " + unclean);
            }
            channel.socket().setSoTimeout((int) options.readTimeout().toMillis());
            return connection;
        } catch (final IOException | RuntimeException e) {
            wire.close();
            throw e;
        }
    }
}
