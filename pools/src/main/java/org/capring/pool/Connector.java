package org.capring.pool;

import java.io.IOException;

/**
 * Opens the connection a key describes: exactly its target, transport, TLS settings, proxy chain and credentials,
 * with no other source for a host or a server name. Called by the acquiring thread, outside every pool lock, at
 * most {@link PoolConfig#maxConnectingPerKey()} times at once per key. Implementations must be thread-safe.
 *
 * @param <C> the connection type
 */
@FunctionalInterface
public interface Connector<C extends Poolable> {
    /**
     * @param key          what to connect to, and as whom
     * @param timeoutNanos how long the connect (with its handshakes) may take, positive
     * @return an open connection, ready for its first exchange
     * @throws IOException if it cannot be opened (the pool gives its permit back and reports
     *                     {@link ConnectFailedException})
     */
    C connect(PoolKey key, long timeoutNanos) throws IOException;
}
