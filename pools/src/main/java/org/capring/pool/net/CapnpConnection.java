package org.capring.pool.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.capnproto.MessageBuilder;
import org.capnproto.MessageReader;
import org.capnproto.Serialize;
import org.capring.pool.CloseReason;
import org.capring.pool.PoolKey;
import org.capring.pool.Poolable;

/**
 * A pooled connection carrying Cap'n Proto messages in the standard stream framing (segment table, then segments),
 * read and written by the capnproto-java runtime's {@link Serialize}. Because {@code Serialize} reads exactly one
 * message's bytes, the connection knows precisely where message boundaries fall, and so whether its protocol state is
 * fully consumed:
 *
 * <ul>
 *   <li>a {@link #receive()} that fails after consuming some bytes leaves a half-read message
 *       ({@link CloseReason#PARTIAL_READ}); a {@link #send} that fails leaves a possibly half-written one
 *       ({@link CloseReason#PARTIAL_WRITE});</li>
 *   <li>bytes that arrived (or were read off the socket, e.g. decrypted with the end of a TLS record) but belong to no
 *       message received are unread ({@link CloseReason#UNREAD_BYTES} on return, {@link CloseReason#DATA_WHILE_IDLE}
 *       when found while idle);</li>
 *   <li>with {@link Exchange#REQUEST_REPLY}, a message sent whose reply was not received
 *       ({@link CloseReason#UNANSWERED_REQUEST});</li>
 *   <li>taking the raw channel with {@link #upgrade()} leaves the pooled protocol ({@link CloseReason#UPGRADED}).</li>
 * </ul>
 *
 * Not thread-safe: one borrower at a time, as the pool lends it.
 */
public final class CapnpConnection implements Poolable {
    private final PoolKey key;
    private final Wire wire;
    private final ConnectorOptions options;
    private final ByteChannel counting = new Counting();
    private long bytesRead;
    private long bytesWritten;
    private long messagesSent;
    private long messagesReceived;
    private CloseReason fault;

    CapnpConnection(final PoolKey key, final Wire wire, final ConnectorOptions options) {
        this.key = key;
        this.wire = wire;
        this.options = options;
    }

    /** @return the key this connection was opened for */
    public PoolKey key() {
        return key;
    }

    /**
     * Writes one message.
     *
     * @param message the message
     * @throws IOException if writing fails (the connection is then never reused: part of the message may be out)
     * @throws IllegalStateException if the connection was upgraded or already failed
     */
    public void send(final MessageBuilder message) throws IOException {
        Objects.requireNonNull(message, "message");
        requireUsable();
        try {
            Serialize.write(counting, message);
        } catch (final IOException | RuntimeException e) {
            fault = CloseReason.PARTIAL_WRITE;
            throw e;
        }
        messagesSent++;
    }

    /**
     * Reads one message, blocking at most {@link ConnectorOptions#readTimeout()} for each chunk of bytes.
     *
     * @return the message
     * @throws IOException if reading fails: after some of its bytes were consumed the connection is never reused
     *                     (half-read); a timeout before its first byte leaves it as it was; the end of the stream
     *                     marks it closed by the peer
     * @throws IllegalStateException if the connection was upgraded or already failed
     */
    public MessageReader receive() throws IOException {
        requireUsable();
        final long before = bytesRead;
        final MessageReader message;
        try {
            message = Serialize.read(counting, options.readerOptions());
        } catch (final IOException | RuntimeException e) {
            if (bytesRead != before) {
                fault = CloseReason.PARTIAL_READ;
            } else if (!(e instanceof SocketTimeoutException)) {
                fault = CloseReason.PEER_CLOSED;
            }
            throw e;
        }
        messagesReceived++;
        return message;
    }

    /**
     * Takes the connection out of the pooled protocol (for a protocol switch, a raw byte stream): the returned
     * channel reads and writes the wire directly, and the connection is closed, not reused, when returned.
     *
     * @return the raw channel
     */
    public ByteChannel upgrade() {
        fault = CloseReason.UPGRADED;
        return counting;
    }

    /** @return the TLS session, for TLS connections */
    public Optional<SSLSession> tlsSession() {
        return wire.session();
    }

    /** @return the ALPN protocol the server chose, if any */
    public Optional<String> applicationProtocol() {
        return wire.applicationProtocol();
    }

    /** @return messages sent so far */
    public long messagesSent() {
        return messagesSent;
    }

    /** @return messages received so far */
    public long messagesReceived() {
        return messagesReceived;
    }

    /** @return bytes read off the wire as part of messages (or through the upgraded channel) */
    public long bytesRead() {
        return bytesRead;
    }

    /** @return bytes written */
    public long bytesWritten() {
        return bytesWritten;
    }

    private void requireUsable() {
        if (fault != null) {
            throw new IllegalStateException("connection no longer usable: " + fault);
        }
    }

    @Override
    public CloseReason checkReturn() {
        if (fault != null) {
            return fault;
        }
        if (options.exchange() == Exchange.REQUEST_REPLY && messagesSent != messagesReceived) {
            return CloseReason.UNANSWERED_REQUEST;
        }
        return switch (peek()) {
            case Wire.DATA -> CloseReason.UNREAD_BYTES;
            case Wire.END -> CloseReason.PEER_CLOSED;
            default -> null;
        };
    }

    @Override
    public CloseReason checkIdle() {
        if (fault != null) {
            return fault;
        }
        return switch (peek()) {
            case Wire.DATA -> CloseReason.DATA_WHILE_IDLE;
            case Wire.END -> CloseReason.PEER_CLOSED;
            default -> null;
        };
    }

    private int peek() {
        if (!wire.isOpen()) {
            return Wire.END;
        }
        try {
            return wire.peek();
        } catch (final IOException e) {
            return Wire.END;
        }
    }

    /**
     * Validation after an idle period: a non-blocking look at the wire (no round trip, so the protocol needs no ping
     * message); the connection is valid when the peer has neither sent anything nor hung up.
     *
     * @param timeoutNanos unused: the check never blocks
     * @return whether the connection is still usable
     */
    @Override
    public boolean validate(final long timeoutNanos) {
        return checkIdle() == null;
    }

    @Override
    public void close() {
        wire.close();
    }

    @Override
    public String toString() {
        return "CapnpConnection[" + key + ", sent " + messagesSent + ", received " + messagesReceived + "]";
    }

    /** The wire as a channel for {@link Serialize}, counting the bytes that pass. */
    private final class Counting implements ByteChannel {
        @Override
        public int read(final ByteBuffer dst) throws IOException {
            if (!wire.isOpen()) {
                throw new ClosedChannelException();
            }
            final int n = wire.read(dst);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }

        @Override
        public int write(final ByteBuffer src) throws IOException {
            if (!wire.isOpen()) {
                throw new ClosedChannelException();
            }
            final int n = wire.write(src);
            bytesWritten += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return wire.isOpen();
        }

        @Override
        public void close() {
            wire.close();
        }
    }
}
