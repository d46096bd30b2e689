package org.capring.pool.net;

import java.time.Duration;
import java.util.Objects;

import org.capnproto.ReaderOptions;

/**
 * How connections are read after they are opened.
 *
 * @param readTimeout     how long one {@link CapnpConnection#receive()} may block for the next bytes (positive; also
 *                        bounds each read of a TLS handshake); default {@value #DEFAULT_READ_TIMEOUT_MS} ms
 * @param exchange        how messages pair up; default {@link Exchange#REQUEST_REPLY}
 * @param readerOptions   the capnp traversal and nesting limits for received messages; default
 *                        {@link ReaderOptions#DEFAULT_READER_OPTIONS}
 */
public record ConnectorOptions(Duration readTimeout, Exchange exchange, ReaderOptions readerOptions) {
    /** Default {@link #readTimeout()} in milliseconds. */
    public static final long DEFAULT_READ_TIMEOUT_MS = 10_000;

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the read timeout is not positive or longer than {@link Integer#MAX_VALUE}
     *                                  milliseconds
     */
    public ConnectorOptions {
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(readerOptions, "readerOptions");
        if (readTimeout.toMillis() < 1 || readTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ConnectorOptions.readTimeout out of range: " + readTimeout);
        }
    }

    /** @return the defaults */
    public static ConnectorOptions defaults() {
        return new ConnectorOptions(Duration.ofMillis(DEFAULT_READ_TIMEOUT_MS), Exchange.REQUEST_REPLY,
            ReaderOptions.DEFAULT_READER_OPTIONS);
    }

    /**
     * @param value the read timeout
     * @return these options with another read timeout
     */
    public ConnectorOptions withReadTimeout(final Duration value) {
        return new ConnectorOptions(value, exchange, readerOptions);
    }

    /**
     * @param value the exchange pattern
     * @return these options with another exchange pattern
     */
    public ConnectorOptions withExchange(final Exchange value) {
        return new ConnectorOptions(readTimeout, value, readerOptions);
    }
}
