package org.capring.pool.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a {@link PlainWire}, driven by an {@link SSLEngine} so that the wire sees every record: a peek can tell
 * application data (a dirty connection) from post-handshake messages such as TLS 1.3 session tickets (harmless),
 * which a socket-level "bytes available" check cannot.
 *
 * <p>Buffers stay in write mode between calls: {@code netIn} holds received, not yet unwrapped bytes in
 * {@code [0, position)}; {@code appIn} holds decrypted bytes not yet handed to a reader. One thread at a time (the
 * connection's owner).
 */
final class TlsWire implements Wire {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final PlainWire raw;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean inboundDone;

    TlsWire(final PlainWire raw, final SSLEngine engine) {
        this.raw = raw;
        this.engine = engine;
        final SSLSession session = engine.getSession();
        netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        netOut = ByteBuffer.allocate(session.getPacketBufferSize());
        appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
    }

    /**
     * Runs the handshake to completion (the socket's read timeout bounds each read).
     *
     * @throws IOException if it fails, times out or the peer closes
     */
    void handshake() throws IOException {
        engine.beginHandshake();
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        while (status != SSLEngineResult.HandshakeStatus.FINISHED
            && status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
            switch (status) {
                case NEED_WRAP -> status = wrapAndSend(EMPTY).getHandshakeStatus();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    final SSLEngineResult result = unwrapOnce();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        if (fill(true) < 0) {
                            throw new EOFException("peer closed during the TLS handshake");
                        }
                    } else if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("peer closed during the TLS handshake");
                    }
                    status = engine.getHandshakeStatus();
                }
                case NEED_TASK -> {
                    runTasks();
                    status = engine.getHandshakeStatus();
                }
                default -> throw new SSLException("unexpected handshake status " + status);
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Reads raw bytes into netIn: blocking (bounded by the read timeout) or not; returns bytes read or -1. */
    private int fill(final boolean block) throws IOException {
        if (!netIn.hasRemaining()) {
            final ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        if (block) {
            return raw.read(netIn);
        }
        final SocketChannel channel = raw.channel();
        channel.configureBlocking(false);
        try {
            return channel.read(netIn);
        } finally {
            channel.configureBlocking(true);
        }
    }

    /** Unwraps what netIn holds into appIn once, growing appIn if needed; handles post-handshake work. */
    private SSLEngineResult unwrapOnce() throws IOException {
        while (true) {
            netIn.flip();
            final SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                final ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() + engine.getSession()
                    .getApplicationBufferSize());
                appIn.flip();
                bigger.put(appIn);
                appIn = bigger;
                continue;
            }
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                inboundDone = true;
            }
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP
                && result.getStatus() != SSLEngineResult.Status.CLOSED) {
                // A post-handshake message (key update) needs an answer.
                wrapAndSend(EMPTY);
            }
            return result;
        }
    }

    private SSLEngineResult wrapAndSend(final ByteBuffer src) throws IOException {
        while (true) {
            netOut.clear();
            final SSLEngineResult result = engine.wrap(src, netOut);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                continue;
            }
            netOut.flip();
            raw.write(netOut);
            if (result.getStatus() == SSLEngineResult.Status.CLOSED && src.hasRemaining()) {
                throw new SSLException("TLS engine closed while writing");
            }
            return result;
        }
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException {
        while (appIn.position() == 0) {
            if (inboundDone) {
                return -1;
            }
            final SSLEngineResult result = unwrapOnce();
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && fill(true) < 0) {
                inboundDone = true;
                return -1;
            }
        }
        appIn.flip();
        final int n = Math.min(appIn.remaining(), dst.remaining());
        final ByteBuffer slice = appIn.slice(appIn.position(), n);
        dst.put(slice);
        appIn.position(appIn.position() + n);
        appIn.compact();
        return n;
    }

    @Override
    public int write(final ByteBuffer src) throws IOException {
        final int total = src.remaining();
        while (src.hasRemaining()) {
            wrapAndSend(src);
        }
        return total;
    }

    @Override
    public int peek() throws IOException {
        if (appIn.position() > 0) {
            return DATA;
        }
        if (inboundDone) {
            return END;
        }
        final int n = fill(false);
        // Unwrap every complete record that arrived: session tickets are consumed, application data shows.
        while (netIn.position() > 0) {
            final SSLEngineResult result;
            try {
                result = unwrapOnce();
            } catch (final SocketTimeoutException e) {
                return NOTHING;
            }
            if (appIn.position() > 0) {
                return DATA;
            }
            if (inboundDone) {
                return END;
            }
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
                break;
            }
        }
        if (netIn.position() > 0) {
            // Part of a record arrived and the rest has not: bytes are on their way, the wire is not clean (a plain
            // wire would say DATA for the same bytes).
            return DATA;
        }
        return n < 0 ? END : NOTHING;
    }

    @Override
    public Optional<SSLSession> session() {
        return Optional.of(engine.getSession());
    }

    @Override
    public Optional<String> applicationProtocol() {
        final String protocol = engine.getApplicationProtocol();
        return protocol == null || protocol.isEmpty() ? Optional.empty() : Optional.of(protocol);
    }

    @Override
    public boolean isOpen() {
        return raw.isOpen();
    }

    @Override
    public void close() {
        try {
            engine.closeOutbound();
            if (raw.isOpen()) {
                wrapAndSend(EMPTY);
            }
        } catch (final IOException e) {
            // Best effort: close_notify could not be sent; the socket closes anyway.
        } finally {
            raw.close();
        }
    }
}
