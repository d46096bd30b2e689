package org.capring.pool.net;

import java.io.IOException;

/**
 * The application-level opening of a fresh connection, run by the connector after the transport (and TLS) is up and
 * before the connection is lent: typically it presents {@link org.capring.pool.PoolKey#credentials()} and the
 * tenant. It must leave the connection fully consumed (every request answered). Connectors take one explicitly;
 * {@link #none()} says there is none.
 */
@FunctionalInterface
public interface Handshake {
    /**
     * @param connection the new connection ({@link CapnpConnection#key()} says for whom)
     * @throws IOException if the peer refuses or the exchange fails (the connection is then closed)
     */
    void perform(CapnpConnection connection) throws IOException;

    /** @return a handshake that exchanges nothing */
    static Handshake none() {
        return connection -> { };
    }
}
