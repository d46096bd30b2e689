package org.capring.service.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.capring.ring.concurrent.VirtualThreads;

/**
 * A host's metrics served over HTTP on the loopback interface by the Prometheus client's exporter
 * ({@code /metrics} in the text format, {@code /-/healthy}). Requests run on named virtual threads of one
 * {@link VirtualThreads} factory; the JDK's HTTP server adds its own dispatcher thread.
 *
 * {@snippet :
 * try (MetricsEndpoint endpoint = host.metrics().serveHttp(0)) {
 *     URI scrape = endpoint.uri();           // http://127.0.0.1:<port>/metrics
 * }
 * }
 *
 * <p>Thread-safe. Closing stops serving at once and refuses new request threads.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    private final HTTPServer server;
    private final VirtualThreads threads;

    private MetricsEndpoint(final HTTPServer server, final VirtualThreads threads) {
        this.server = server;
        this.threads = threads;
    }

    static MetricsEndpoint start(final PrometheusRegistry registry, final int port) {
        final VirtualThreads threads = new VirtualThreads("capring-metrics-" + ENDPOINTS.incrementAndGet(), null);
        try {
            final HTTPServer server = HTTPServer.builder().inetAddress(InetAddress.getLoopbackAddress()).port(port)
                .registry(registry).executorService(new OnVirtualThreads(threads)).buildAndStart();
            return new MetricsEndpoint(server, threads);
        } catch (final IOException e) {
            threads.close();
            throw new UncheckedIOException("cannot serve metrics on loopback port " + port, e);
        }
    }

    /** @return the bound TCP port */
    public int port() {
        return server.getPort();
    }

    /** @return the scrape address, {@code http://127.0.0.1:<port>/metrics} */
    public URI uri() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port() + "/metrics");
    }

    /** Stops serving; idempotent. */
    @Override
    public void close() {
        server.close();
    }

    /** The exporter's executor: each task on a new named virtual thread; shut down by closing the factory. */
    private static final class OnVirtualThreads extends AbstractExecutorService {
        private final VirtualThreads threads;

        OnVirtualThreads(final VirtualThreads threads) {
            this.threads = threads;
        }

        @Override
        public void execute(final Runnable command) {
            threads.start("http", command);
        }

        @Override
        public void shutdown() {
            threads.close();
        }

        @Override
        public List<Runnable> shutdownNow() {
            threads.close();
            threads.interruptAll(null);
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return threads.isClosed();
        }

        @Override
        public boolean isTerminated() {
            return threads.isTerminated();
        }

        @Override
        public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException {
            return threads.awaitEnded(System.nanoTime() + unit.toNanos(timeout));
        }
    }
}
