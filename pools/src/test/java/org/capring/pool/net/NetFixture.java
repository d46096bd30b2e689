package org.capring.pool.net;

import java.io.IOException;
import java.time.Duration;

import org.capring.pool.KeyedPool;
import org.capring.pool.Lease;
import org.capring.pool.Pools;

/** Pools of real connections for the network tests. */
final class NetFixture {
    static final ConnectorOptions OPTIONS = ConnectorOptions.defaults().withReadTimeout(Duration.ofSeconds(5));

    private NetFixture() {
    }

    /** @return a pool that dials TCP and TLS keys, with the credential handshake */
    static KeyedPool<CapnpConnection> pool() {
        final Handshake handshake = new CredentialHandshake();
        return Pools.pool(Pools.testConfig().build(), new SecurityDispatchingConnector(
            new TcpConnector(OPTIONS, handshake), new TlsConnector(OPTIONS, handshake)));
    }

    /**
     * @param lease   a lease
     * @param request a request text
     * @return the reply's text
     * @throws IOException if the exchange fails
     */
    static String call(final Lease<CapnpConnection> lease, final String request) throws IOException {
        lease.connection().send(Messages.text(request));
        return Messages.text(lease.connection().receive());
    }

    /**
     * @param reply an echo reply
     * @param field a field the server reports, e.g. {@code conn}
     * @return its value
     */
    static String field(final String reply, final String field) {
        for (final String part : reply.split("\\|")) {
            if (part.startsWith(field + "=")) {
                return part.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no " + field + " in " + reply);
    }
}
