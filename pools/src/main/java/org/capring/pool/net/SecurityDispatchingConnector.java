package org.capring.pool.net;

import java.io.IOException;
import java.util.Objects;

import org.capring.pool.Connector;
import org.capring.pool.PoolKey;

/**
 * For pools that serve cleartext and TLS keys: cleartext keys go to a {@link TcpConnector}, TLS keys to a
 * {@link TlsConnector}, decided by {@link PoolKey#security()} alone. Thread-safe.
 *
 * @param tcp the connector for cleartext keys
 * @param tls the connector for TLS keys
 */
public record SecurityDispatchingConnector(TcpConnector tcp, TlsConnector tls) implements Connector<CapnpConnection> {
    /**
     * @throws NullPointerException if a connector is null
     */
    public SecurityDispatchingConnector {
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(tls, "tls");
    }

    /**
     * @throws IOException as the chosen connector
     */
    @Override
    public CapnpConnection connect(final PoolKey key, final long timeoutNanos) throws IOException {
        return key.tls() ? tls.connect(key, timeoutNanos) : tcp.connect(key, timeoutNanos);
    }
}
