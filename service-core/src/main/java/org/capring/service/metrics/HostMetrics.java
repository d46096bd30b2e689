package org.capring.service.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The metrics of every service of one host, readable two ways: as Prometheus text through the Prometheus Java client
 * ({@link #scrape()}, or over loopback HTTP with {@link #serveHttp}), and as HdrHistogram interval logs
 * ({@link #logIntervalsTo}, written at each {@link #roll()}).
 *
 * <p>Exposed series, labelled by {@code service} and {@code method}:
 * <ul>
 *   <li>{@value #CALLS} (counter, also labelled {@code outcome}): calls that ended, by {@link CallOutcome};</li>
 *   <li>{@value #IN_FLIGHT} (gauge): calls in flight now;</li>
 *   <li>{@value #LATENCY} (summary, seconds): latency from context open to close, quantiles
 *       0.5, 0.9, 0.99, 0.999 over every interval rolled so far;</li>
 *   <li>{@value #STATE} (gauge, labelled {@code service} and {@code state}): 1 for each service's state;</li>
 *   <li>{@value #CONTEXTS_OPEN} (gauge, labelled {@code service}): call contexts opened and not closed.</li>
 * </ul>
 *
 * <p><b>Threads.</b> Thread-safe. A scrape rolls the latency intervals first, so the totals it shows include every
 * call recorded before it; rolls serialize on one lock, and each interval reaches the interval log exactly once.
 */
public final class HostMetrics {
    /** Counter of ended calls. */
    public static final String CALLS = "capring_service_calls";
    /** Gauge of calls in flight. */
    public static final String IN_FLIGHT = "capring_service_in_flight";
    /** Summary of call latency, in seconds. */
    public static final String LATENCY = "capring_service_call_latency_seconds";
    /** Gauge of each service's lifecycle state. */
    public static final String STATE = "capring_service_state";
    /** Gauge of call contexts not yet closed. */
    public static final String CONTEXTS_OPEN = "capring_service_contexts_open";

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    private final List<ServiceMetrics> services = new CopyOnWriteArrayList<>();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ReentrantLock logLock = new ReentrantLock();
    private HistogramLogWriter log;

    /** A host's metrics, with nothing registered yet. */
    public HostMetrics() {
        CounterWithCallback.builder().name(CALLS).help("Calls that ended, by outcome")
            .labelNames("service", "method", "outcome")
            .callback(cb -> {
                for (final ServiceMetrics s : services) {
                    for (final MethodStats m : s.methods()) {
                        for (final CallOutcome o : CallOutcome.all()) {
                            cb.call(m.calls(o), s.service(), m.method(), o.label());
                        }
                    }
                }
            }).register(registry);
        GaugeWithCallback.builder().name(IN_FLIGHT).help("Calls in flight")
            .labelNames("service", "method")
            .callback(cb -> {
                for (final ServiceMetrics s : services) {
                    for (final MethodStats m : s.methods()) {
                        cb.call(m.inFlight(), s.service(), m.method());
                    }
                }
            }).register(registry);
        SummaryWithCallback.builder().name(LATENCY).help("Call latency from context open to close, in seconds")
            .labelNames("service", "method")
            .callback(cb -> {
                roll();
                for (final ServiceMetrics s : services) {
                    s.forEachTotal((m, total) -> {
                        final Quantile[] q = new Quantile[QUANTILES.length];
                        for (int i = 0; i < q.length; i++) {
                            q[i] = new Quantile(QUANTILES[i],
                                total.getValueAtPercentile(QUANTILES[i] * 100) / NANOS_PER_SECOND);
                        }
                        cb.call(total.getTotalCount(), total.getMean() * total.getTotalCount() / NANOS_PER_SECOND,
                            Quantiles.of(q), s.service(), m.method());
                    });
                }
            }).register(registry);
        GaugeWithCallback.builder().name(STATE).help("1 for each service's lifecycle state")
            .labelNames("service", "state")
            .callback(cb -> {
                for (final ServiceMetrics s : services) {
                    cb.call(1, s.service(), s.state());
                }
            }).register(registry);
        GaugeWithCallback.builder().name(CONTEXTS_OPEN).help("Call contexts opened and not yet closed")
            .labelNames("service")
            .callback(cb -> {
                for (final ServiceMetrics s : services) {
                    cb.call(s.contextsOpened() - s.contextsClosed(), s.service());
                }
            }).register(registry);
    }

    /**
     * Adds a service's metrics to everything this host exposes.
     *
     * @param metrics the service's metrics
     */
    public void register(final ServiceMetrics metrics) {
        services.add(Objects.requireNonNull(metrics, "metrics"));
    }

    /** @return every service's metrics, in registration order */
    public List<ServiceMetrics> services() {
        return List.copyOf(services);
    }

    /** @return the Prometheus registry holding this host's series (to scrape or serve as one likes) */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Writes an HdrHistogram interval log from now on: its header now, then one interval histogram per service and
     * method at each {@link #roll()}, tagged {@code service.method}. Replaces a log set before.
     *
     * @param out where the log goes (the caller closes it after the host stops)
     */
    public void logIntervalsTo(final PrintStream out) {
        final HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputLogFormatVersion();
        final long now = System.currentTimeMillis();
        writer.outputStartTime(now);
        writer.setBaseTime(now);
        writer.outputLegend();
        logLock.lock();
        try {
            log = writer;
        } finally {
            logLock.unlock();
        }
    }

    /**
     * Takes every method's latency interval since the last roll: adds it to the totals the Prometheus summary reads
     * and writes it to the interval log, if one is set.
     */
    public void roll() {
        logLock.lock();
        try {
            final HistogramLogWriter writer = log;
            for (final ServiceMetrics s : services) {
                s.roll(writer == null ? null : (method, interval) -> {
                    if (interval.getTotalCount() > 0) {
                        interval.setTag(s.service() + "." + method);
                        writer.outputIntervalHistogram(interval);
                    }
                });
            }
        } finally {
            logLock.unlock();
        }
    }

    /** @return every series in the Prometheus text exposition format (version 0.0.4) */
    public String scrape() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (final IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Serves {@link #scrape()}'s series over HTTP on the loopback interface, for a Prometheus server to scrape.
     *
     * @param port TCP port, 0 for any free one
     * @return the running endpoint; close it to stop serving
     * @throws UncheckedIOException if the port cannot be bound
     */
    public MetricsEndpoint serveHttp(final int port) {
        return MetricsEndpoint.start(registry, port);
    }
}
