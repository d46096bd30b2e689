package org.capring.pool.net;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.capring.pool.ClientIdentity;
import org.capring.pool.Connector;
import org.capring.pool.PoolKey;

/**
 * Opens TLS connections with the JDK's {@link SSLEngine}, configured from the key alone: it dials
 * {@link PoolKey#socketAddress()} (through the key's proxy chain), sends {@link PoolKey#sni()} (or no SNI), offers
 * {@link PoolKey#alpn()}, trusts exactly {@link PoolKey#trustAnchors()} (or, with
 * {@link PoolKey.CertificateVerification#INSECURE_ACCEPT_ANY}, any certificate), checks the certificate against the
 * SNI name when {@link PoolKey.HostnameVerification#VERIFY_SNI_NAME} says so, and presents
 * {@link PoolKey#clientIdentity()} (or no certificate). Each connection gets its own {@link SSLContext}, so no TLS
 * session is ever resumed across keys (a session carries the identity it was established with). Refuses cleartext
 * keys with {@link UnsupportedKeyException}. Thread-safe.
 */
public final class TlsConnector implements Connector<CapnpConnection> {
    private static final char[] EPHEMERAL = "capring-pool".toCharArray();

    private final ConnectorOptions options;
    private final Handshake handshake;

    /**
     * @param options   how connections are read (the read timeout also bounds each TLS handshake read)
     * @param handshake what to exchange on a fresh connection once TLS is up ({@link Handshake#none()} for nothing)
     * @throws NullPointerException if an argument is null
     */
    public TlsConnector(final ConnectorOptions options, final Handshake handshake) {
        this.options = Objects.requireNonNull(options, "options");
        this.handshake = Objects.requireNonNull(handshake, "handshake");
    }

    /**
     * @throws UnsupportedKeyException if the key is a cleartext key
     * @throws IOException             if the connect, a proxy, the TLS handshake (including certificate, hostname and
     *                                 client certificate checks) or the application handshake fails, or the timeout
     *                                 passes
     */
    @Override
    public CapnpConnection connect(final PoolKey key, final long timeoutNanos) throws IOException {
        if (!key.tls()) {
            throw new UnsupportedKeyException(PoolKey.Field.SECURITY, "a cleartext key; the TLS connector needs TLS");
        }
        final long deadline = System.nanoTime() + timeoutNanos;
        final SSLEngine engine = engine(key);
        final SocketChannel channel = Dialer.dial(key, deadline);
        final PlainWire raw = new PlainWire(channel);
        final TlsWire wire = new TlsWire(raw, engine);
        try {
            channel.socket().setSoTimeout(Dialer.remainingMillis(deadline));
            wire.handshake();
        } catch (final IOException | RuntimeException e) {
            wire.close();
            throw e;
        }
        return TcpConnector.open(key, wire, channel, deadline, options, handshake);
    }

    private static SSLEngine engine(final PoolKey key) throws IOException {
        try {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(key), trustManagers(key), null);
            final String sni = key.sni().orElse(null);
            final SSLEngine engine = sni == null ? context.createSSLEngine()
                : context.createSSLEngine(sni, key.port());
            engine.setUseClientMode(true);
            final SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(sni == null ? List.<SNIServerName>of() : List.of(new SNIHostName(sni)));
            parameters.setApplicationProtocols(key.alpn().toArray(String[]::new));
            parameters.setEndpointIdentificationAlgorithm(
                key.hostnameVerification().orElseThrow() == PoolKey.HostnameVerification.VERIFY_SNI_NAME
                    ? "HTTPS" : null);
            engine.setSSLParameters(parameters);
            return engine;
        } catch (final GeneralSecurityException e) {
            throw new IOException("cannot configure TLS for " + key, e);
        }
    }

    private static KeyManager[] keyManagers(final PoolKey key) throws GeneralSecurityException, IOException {
        final ClientIdentity identity = key.clientIdentity().orElse(null);
        if (identity == null) {
            return new KeyManager[0];
        }
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", identity.privateKey(), EPHEMERAL,
            identity.chain().toArray(X509Certificate[]::new));
        final KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, EPHEMERAL);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(final PoolKey key) throws GeneralSecurityException, IOException {
        if (key.certificateVerification().orElseThrow() == PoolKey.CertificateVerification.INSECURE_ACCEPT_ANY) {
            return new TrustManager[] {new AcceptAny()};
        }
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (final X509Certificate anchor : key.trustAnchors().certificates()) {
            store.setCertificateEntry("anchor-" + i++, anchor);
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** {@link PoolKey.CertificateVerification#INSECURE_ACCEPT_ANY}: trusts every server certificate. */
    private static final class AcceptAny extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType, final Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType, final Socket socket) {
            // Accepts any certificate, as the key's policy says.
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine) {
            // Accepts any certificate, as the key's policy says.
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType) {
            // Accepts any certificate, as the key's policy says.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
