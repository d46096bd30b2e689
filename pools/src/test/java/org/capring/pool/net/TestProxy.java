package org.capring.pool.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP {@code CONNECT} proxy for tests: records every request's authority and
 * {@code Proxy-Authorization}, refuses with 407 when the expected authorization is missing, otherwise connects to
 * the (IP literal) authority and pipes bytes both ways. Every thread it starts ends when it is closed.
 */
public final class TestProxy implements AutoCloseable {
    /**
     * One CONNECT request.
     *
     * @param authority     the requested {@code host:port}
     * @param authorization the {@code Proxy-Authorization} header, or {@code -}
     */
    public record Request(String authority, String authorization) {
    }

    private final ServerSocket server;
    private final String expectedAuthorization;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /**
     * @param expectedAuthorization the {@code Proxy-Authorization} value required, or null to require none
     * @throws IOException if it cannot bind
     */
    public TestProxy(final String expectedAuthorization) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.add(Thread.ofVirtual().name("proxy-acceptor").start(this::acceptLoop));
    }

    /** @return its port */
    public int port() {
        return server.getLocalPort();
    }

    /** @return the requests seen so far */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                final Socket client = server.accept();
                sockets.add(client);
                threads.add(Thread.ofVirtual().name("proxy-conn").start(() -> serve(client)));
            } catch (final IOException e) {
                return;
            }
        }
    }

    private void serve(final Socket client) {
        try {
            final InputStream in = client.getInputStream();
            final String head = readHead(in);
            final String[] lines = head.split("\r\n");
            final String authority = lines[0].split(" ")[1];
            String authorization = "-";
            for (final String line : lines) {
                if (line.regionMatches(true, 0, "Proxy-Authorization:", 0, 20)) {
                    authorization = line.substring(20).trim();
                }
            }
            requests.add(new Request(authority, authorization));
            final OutputStream out = client.getOutputStream();
            if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
                out.write("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                client.close();
                return;
            }
            final int colon = authority.lastIndexOf(':');
            final String host = authority.substring(0, colon).replace("[", "").replace("]", "");
            final Socket upstream = new Socket(InetAddress.getByName(host), Integer.parseInt(authority.substring(
                colon + 1)));
            sockets.add(upstream);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            final Thread back = Thread.ofVirtual().name("proxy-pipe").start(() -> pipe(upstream, client));
            threads.add(back);
            pipe(client, upstream);
        } catch (final IOException | RuntimeException e) {
            closeQuietly(client);
        }
    }

    private static void pipe(final Socket from, final Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (final IOException e) {
            // One side went away.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static String readHead(final InputStream in) throws IOException {
        final StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            final int b = in.read();
            if (b < 0 || head.length() > 8192) {
                throw new IOException("bad CONNECT request");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static void closeQuietly(final Socket socket) {
        try {
            socket.close();
        } catch (final IOException e) {
            // Closing anyway.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (final Socket socket : sockets) {
            closeQuietly(socket);
        }
        for (final Thread thread : threads) {
            TestThreads.join(thread);
        }
    }
}
