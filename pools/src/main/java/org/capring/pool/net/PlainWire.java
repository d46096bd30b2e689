package org.capring.pool.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/**
 * Plain TCP: blocking reads through the socket's stream (which honours the read timeout), blocking writes through
 * the channel, and a peek that reads one byte in non-blocking mode (a byte found makes the connection unusable
 * anyway, so consuming it loses nothing that matters).
 */
final class PlainWire implements Wire {
    private final SocketChannel channel;
    private final InputStream in;
    private final ByteBuffer probe = ByteBuffer.allocate(1);

    PlainWire(final SocketChannel channel) throws IOException {
        this.channel = channel;
        this.in = channel.socket().getInputStream();
    }

    SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (dst.hasArray()) {
            final int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        final byte[] chunk = new byte[Math.min(dst.remaining(), 8192)];
        final int n = in.read(chunk);
        if (n > 0) {
            dst.put(chunk, 0, n);
        }
        return n;
    }

    @Override
    public int write(final ByteBuffer src) throws IOException {
        int written = 0;
        while (src.hasRemaining()) {
            written += channel.write(src);
        }
        return written;
    }

    @Override
    public int peek() throws IOException {
        channel.configureBlocking(false);
        try {
            probe.clear();
            final int n = channel.read(probe);
            return n < 0 ? END : n > 0 ? DATA : NOTHING;
        } finally {
            channel.configureBlocking(true);
        }
    }

    @Override
    public Optional<SSLSession> session() {
        return Optional.empty();
    }

    @Override
    public Optional<String> applicationProtocol() {
        return Optional.empty();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (final IOException e) {
            // Nothing to do: the descriptor is released either way.
        }
    }
}
