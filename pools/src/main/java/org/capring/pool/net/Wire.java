package org.capring.pool.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/**
 * The byte stream under a {@link CapnpConnection}: plain TCP or TLS over TCP. Reads block (bounded by the socket's
 * read timeout), writes block; {@link #peek()} never blocks.
 */
interface Wire {
    /** {@link #peek()}: nothing arrived. */
    int NOTHING = 0;
    /** {@link #peek()}: application bytes arrived (or are buffered, already read off the socket). */
    int DATA = 1;
    /** {@link #peek()}: the peer closed its side. */
    int END = 2;

    /**
     * @param dst where to put application bytes
     * @return bytes read, or -1 at the end of the stream
     * @throws IOException on an I/O error or a read timeout
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes every remaining byte of {@code src}.
     *
     * @param src the bytes
     * @return the number of bytes written
     * @throws IOException on an I/O error
     */
    int write(ByteBuffer src) throws IOException;

    /**
     * Looks, without blocking, for application bytes that are buffered or have arrived, and for the end of the
     * stream. May read bytes off the socket into the wire's own buffer (never loses them).
     *
     * @return {@link #NOTHING}, {@link #DATA} or {@link #END}
     * @throws IOException on an I/O error
     */
    int peek() throws IOException;

    /** @return the TLS session, if this is a TLS wire */
    Optional<SSLSession> session();

    /** @return the ALPN protocol the peer chose, if any */
    Optional<String> applicationProtocol();

    /** @return whether the wire is open */
    boolean isOpen();

    /** Closes the wire (a TLS wire sends close_notify first, best effort). Never throws. */
    void close();
}
