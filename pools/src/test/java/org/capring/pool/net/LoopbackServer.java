package org.capring.pool.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.capnproto.MessageReader;
import org.capnproto.Serialize;
import org.capring.pool.TestPki;

/**
 * A loopback Cap'n Proto server for the connector and pool tests, plain or TLS. Each accepted connection gets an id;
 * requests are text messages:
 * <ul>
 *   <li>{@code hello|scheme|secret|tenant}: the test handshake; recorded, answered {@code ok};</li>
 *   <li>{@code echo:X}: answered with X and what the server knows of the connection (id, SNI, client certificate,
 *       ALPN, credential, tenant);</li>
 *   <li>{@code twice:X}: answered twice, both replies in one write (the second is left unread by a one-reply
 *       client);</li>
 *   <li>{@code noreply:X}: not answered;</li>
 *   <li>{@code half:X}: half of a reply is written, then the connection is closed.</li>
 * </ul>
 * {@link #push} writes an unsolicited message on a connection (bytes arriving while the client's connection is
 * idle). Binds to loopback only; every thread it starts ends when it is closed.
 */
public final class LoopbackServer implements AutoCloseable {
    /** What the server knows about one accepted connection. */
    public static final class Accepted {
        /** Its id, in accept order from 1. */
        public final int id;
        final Socket socket;
        final ReentrantLock writeLock = new ReentrantLock();
        volatile String sni = "-";
        volatile String peer = "-";
        volatile String alpn = "-";
        volatile String credential = "-";
        volatile String tenant = "-";

        Accepted(final int id, final Socket socket) {
            this.id = id;
            this.socket = socket;
        }
    }

    private final ServerSocket server;
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private LoopbackServer(final ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("loopback-acceptor").start(this::acceptLoop);
    }

    /**
     * @param bind a loopback address
     * @return a cleartext server
     * @throws IOException if it cannot bind
     */
    public static LoopbackServer plain(final InetAddress bind) throws IOException {
        final ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(bind, 0));
        return new LoopbackServer(socket);
    }

    /**
     * @param bind      a loopback address
     * @param needAuth  whether a client certificate is required (otherwise it is accepted if offered)
     * @param protocols the ALPN protocols the server accepts, in its preference order
     * @return a TLS server with the test PKI's server certificate, trusting the test CA for client certificates
     * @throws Exception if it cannot be set up
     */
    public static LoopbackServer tls(final InetAddress bind, final boolean needAuth, final String... protocols)
        throws Exception {
        final TestPki pki = TestPki.SHARED;
        final char[] password = "server".toCharArray();
        final KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", pki.server.key(), password,
            new Certificate[] {pki.server.certificate(), pki.ca.certificate()});
        final KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.ca.certificate());
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        final SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        final SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(protocols);
        if (needAuth) {
            parameters.setNeedClientAuth(true);
        } else {
            parameters.setWantClientAuth(true);
        }
        socket.setSSLParameters(parameters);
        socket.bind(new InetSocketAddress(bind, 0));
        return new LoopbackServer(socket);
    }

    /** @return the port it listens on */
    public int port() {
        return server.getLocalPort();
    }

    /** @return connections accepted so far */
    public int acceptedCount() {
        return accepted.size();
    }

    /**
     * @param id a connection id
     * @return the connection
     */
    public Accepted connection(final int id) {
        return accepted.get(id - 1);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            final Socket socket;
            try {
                socket = server.accept();
            } catch (final IOException e) {
                return;
            }
            final Accepted connection = new Accepted(accepted.size() + 1, socket);
            accepted.add(connection);
            threads.add(Thread.ofVirtual().name("loopback-conn-" + connection.id).start(() -> serve(connection)));
        }
    }

    private void serve(final Accepted connection) {
        try (Socket socket = connection.socket) {
            if (socket instanceof SSLSocket tls) {
                tls.startHandshake();
                final ExtendedSSLSession session = (ExtendedSSLSession) tls.getSession();
                for (final SNIServerName name : session.getRequestedServerNames()) {
                    connection.sni = ((SNIHostName) name).getAsciiName();
                }
                try {
                    connection.peer = ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal()
                        .getName();
                } catch (final SSLPeerUnverifiedException e) {
                    connection.peer = "-";
                }
                final String chosen = tls.getApplicationProtocol();
                connection.alpn = chosen == null || chosen.isEmpty() ? "-" : chosen;
            }
            final InputStream in = socket.getInputStream();
            while (true) {
                final MessageReader request;
                try {
                    request = Serialize.read(Channels.newChannel(in));
                } catch (final IOException e) {
                    return;
                }
                if (!answer(connection, Messages.text(request))) {
                    return;
                }
            }
        } catch (final IOException e) {
            // The client went away or the handshake failed: nothing to answer.
        }
    }

    /** @return whether to keep serving the connection */
    private boolean answer(final Accepted connection, final String request) throws IOException {
        if (request.startsWith("hello|")) {
            final String[] parts = request.split("\\|", -1);
            connection.credential = parts[1] + ":" + parts[2];
            connection.tenant = parts[3];
            write(connection, bytes("ok"));
        } else if (request.startsWith("echo:")) {
            write(connection, bytes(describe(connection, request.substring(5))));
        } else if (request.startsWith("twice:")) {
            final String reply = describe(connection, request.substring(6));
            final ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(bytes(reply));
            both.write(bytes(reply + " again"));
            write(connection, both.toByteArray());
        } else if (request.startsWith("half:")) {
            final byte[] reply = bytes(describe(connection, request.substring(5)));
            write(connection, java.util.Arrays.copyOf(reply, reply.length / 2));
            return false;
        } else if (!request.startsWith("noreply:")) {
            write(connection, bytes("unknown request"));
        }
        return true;
    }

    private static String describe(final Accepted c, final String payload) {
        return payload + "|conn=" + c.id + "|sni=" + c.sni + "|peer=" + c.peer + "|alpn=" + c.alpn + "|auth="
            + c.credential + "|tenant=" + c.tenant;
    }

    static byte[] bytes(final String text) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        Serialize.write(Channels.newChannel(out), Messages.text(text));
        return out.toByteArray();
    }

    private static void write(final Accepted connection, final byte[] bytes) throws IOException {
        connection.writeLock.lock();
        try {
            final OutputStream out = connection.socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } finally {
            connection.writeLock.unlock();
        }
    }

    /**
     * Writes an unsolicited message on a connection.
     *
     * @param id   the connection id
     * @param text the message's text
     * @throws IOException if it cannot be written
     */
    public void push(final int id, final String text) throws IOException {
        write(connection(id), bytes(text));
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (final Accepted connection : accepted) {
            connection.socket.close();
        }
        TestThreads.join(acceptor);
        for (final Thread thread : threads) {
            TestThreads.join(thread);
        }
    }
}
