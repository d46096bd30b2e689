package org.capring.service;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.capring.ring.call.ServerCall;
import org.capring.service.metrics.ServiceMetrics;

/**
 * What every call of one service shares, whichever instance serves it: the service's name, methods, phases and
 * configuration, its metrics (which number its call contexts), and the {@link CallTable}s of the holders its
 * capabilities were granted to (where its calls in flight are registered). Opens and closes contexts. Thread-safe.
 */
final class ServiceCalls {
    private static final System.Logger LOG = System.getLogger(ServiceHost.class.getName());

    private final String name;
    private final MethodTable methods;
    private final Phases phases;
    private final ServiceConfig config;
    private final ServiceMetrics metrics;
    private final CopyOnWriteArrayList<CallTable> tables = new CopyOnWriteArrayList<>();

    ServiceCalls(final String name, final MethodTable methods, final Phases phases, final ServiceConfig config,
                 final ServiceMetrics metrics) {
        this.name = name;
        this.methods = methods;
        this.phases = phases;
        this.config = config;
        this.metrics = metrics;
    }

    String name() {
        return name;
    }

    MethodTable methods() {
        return methods;
    }

    Phases phases() {
        return phases;
    }

    ServiceConfig config() {
        return config;
    }

    ServiceMetrics metrics() {
        return metrics;
    }

    /**
     * A holder's table whose calls may serve this service (a capability of it was granted there); tables of closed
     * holders with nothing registered are forgotten.
     */
    void track(final CallTable table) {
        tables.removeIf(CallTable::isRetired);
        tables.addIfAbsent(table);
    }

    /** @param action called with every context of this service's calls registered in a holder's table now */
    void forEachRegistered(final Consumer<CallContext> action) {
        for (final CallTable table : tables) {
            table.forEach(action);
        }
    }

    /**
     * Opens a context for a call admitted by {@code target}, or for a refusal ({@code target} null, {@code call} null
     * for a refusal the ring made before any handler).
     */
    CallContext open(final ServerCall call, final int method, final Caller caller, final Target target) {
        final CallContext ctx = new CallContext(this, metrics.contextOpened(), method, caller,
            call == null ? 0 : call.deadlineNanos(), call, target);
        if (target != null) {
            metrics.method(method).entered();
        }
        return ctx;
    }

    /** Counts a closed context, records its outcome and latency, and tells the logging phase. */
    void closed(final CallContext ctx, final long latencyNanos) {
        final Target target = ctx.target();
        metrics.method(ctx.method()).record(ctx.outcome(), latencyNanos);
        if (target != null) {
            metrics.method(ctx.method()).left();
        }
        metrics.contextClosed();
        final CallLog log = phases.log();
        if (log != null) {
            try {
                log.log(ctx.summary(latencyNanos));
            } catch (final Exception | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, () -> name + ": the logging phase failed; the call's answer stands", e);
            }
        }
    }
}
