package org.capring.pool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The per-key metrics of every {@link KeyedPool} attached to one Prometheus registry. Every series has the labels
 * {@code pool} (the pool's name), {@code key} (the key's id within the pool), {@code target} (the address dialed) and
 * {@code tenant}; no secret ever becomes a label.
 *
 * <ul>
 *   <li>{@code capring_pool_leased}, {@code capring_pool_idle}, {@code capring_pool_connecting},
 *       {@code capring_pool_waiting}: gauges read from {@link KeyedPool#stats()} at scrape time, so the borrow and
 *       return fast path updates nothing;</li>
 *   <li>{@code capring_pool_wait_seconds}: histogram of the time acquires that could not be served from an idle
 *       connection at once spent waiting and connecting;</li>
 *   <li>{@code capring_pool_created_total}, {@code capring_pool_connect_failures_total},
 *       {@code capring_pool_leaks_total}, and {@code capring_pool_closed_total} with a {@code reason} label (a
 *       {@link CloseReason}).</li>
 * </ul>
 *
 * A key's series are removed when the pool stops tracking the key (no connection left), and a pool's when it
 * closes. Thread-safe.
 */
public final class PoolMetrics {
    private static final String[] LABELS = {"pool", "key", "target", "tenant"};

    private final PrometheusRegistry registry;
    private final List<KeyedPool<?>> pools = new CopyOnWriteArrayList<>();
    /** Names of the attached pools: events of a detached pool (a lease returned after close) are not recorded. */
    private final Set<String> attached = ConcurrentHashMap.newKeySet();
    private final Counter created;
    private final Counter connectFailures;
    private final Counter leaks;
    private final Counter closed;
    private final Histogram waitSeconds;

    private PoolMetrics(final PrometheusRegistry registry) {
        this.registry = registry;
        gauge("capring_pool_leased", "Connections lent out", KeyStats::leased);
        gauge("capring_pool_idle", "Idle connections in the pool", KeyStats::idle);
        gauge("capring_pool_connecting", "Connects in progress", KeyStats::connecting);
        gauge("capring_pool_waiting", "Acquires waiting", KeyStats::waiting);
        created = Counter.builder().name("capring_pool_created_total").help("Connections opened")
            .labelNames(LABELS).register(registry);
        connectFailures = Counter.builder().name("capring_pool_connect_failures_total").help("Connects that failed")
            .labelNames(LABELS).register(registry);
        leaks = Counter.builder().name("capring_pool_leaks_total").help("Leases held beyond the leak threshold")
            .labelNames(LABELS).register(registry);
        closed = Counter.builder().name("capring_pool_closed_total").help("Connections closed, by reason")
            .labelNames("pool", "key", "target", "tenant", "reason").register(registry);
        waitSeconds = Histogram.builder().name("capring_pool_wait_seconds")
            .help("Time acquires not served from an idle connection at once spent waiting and connecting")
            .labelNames(LABELS).classicOnly().register(registry);
    }

    /**
     * Registers the pool metrics in a registry; call once per registry and attach every pool to the result.
     *
     * @param registry the registry
     * @return the metrics
     * @throws NullPointerException     if {@code registry} is null
     * @throws IllegalArgumentException if the registry already has metrics of these names
     */
    public static PoolMetrics register(final PrometheusRegistry registry) {
        return new PoolMetrics(Objects.requireNonNull(registry, "registry"));
    }

    /** @return the registry the metrics live in */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * @return the registry's current values in the Prometheus text format
     * @throws UncheckedIOException never in practice (the text is written to memory)
     */
    public String scrapeText() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void gauge(final String name, final String help, final ToIntFunction<KeyStats> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(LABELS).callback(callback -> {
            for (final KeyedPool<?> pool : pools) {
                pool.forEachKeyStats((labels, stats) -> callback.call(value.applyAsInt(stats), labels));
            }
        }).register(registry);
    }

    void attach(final KeyedPool<?> pool) {
        for (final KeyedPool<?> other : pools) {
            if (other.name().equals(pool.name())) {
                throw new IllegalArgumentException("a pool named '" + pool.name() + "' already reports here");
            }
        }
        pools.add(pool);
        attached.add(pool.name());
    }

    void detach(final KeyedPool<?> pool) {
        pools.remove(pool);
        final String name = pool.name();
        attached.remove(name);
        for (final Counter counter : new Counter[] {created, connectFailures, leaks, closed}) {
            counter.removeIf(labels -> labels.getFirst().equals(name));
        }
        waitSeconds.removeIf(labels -> labels.getFirst().equals(name));
    }

    void forget(final KeyState<?> key) {
        created.remove(key.labels);
        connectFailures.remove(key.labels);
        leaks.remove(key.labels);
        waitSeconds.remove(key.labels);
        closed.removeIf(labels -> labels.subList(0, LABELS.length).equals(List.of(key.labels)));
    }

    void created(final KeyState<?> key) {
        if (!attached.contains(key.labels[0])) {
            return;
        }
        created.labelValues(key.labels).inc();
    }

    void connectFailed(final KeyState<?> key) {
        if (!attached.contains(key.labels[0])) {
            return;
        }
        connectFailures.labelValues(key.labels).inc();
    }

    void leak(final KeyState<?> key) {
        if (!attached.contains(key.labels[0])) {
            return;
        }
        leaks.labelValues(key.labels).inc();
    }

    void closed(final KeyState<?> key, final CloseReason reason) {
        if (!attached.contains(key.labels[0])) {
            return;
        }
        closed.labelValues(key.labels[0], key.labels[1], key.labels[2], key.labels[3], reason.name()).inc();
    }

    void waited(final KeyState<?> key, final long nanos) {
        if (!attached.contains(key.labels[0])) {
            return;
        }
        waitSeconds.labelValues(key.labels).observe(nanos / 1e9);
    }
}
