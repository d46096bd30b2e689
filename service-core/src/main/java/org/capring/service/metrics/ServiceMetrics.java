package org.capring.service.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

import org.HdrHistogram.Histogram;

/**
 * The metrics of one service: per method ({@link MethodStats}) calls by outcome, in flight and latency, and the
 * service's call contexts opened and closed. A method ordinal the service's table does not know is counted under
 * one extra entry named {@value #OTHER_METHOD}.
 *
 * <p><b>Threads.</b> Recording is lock-free and allocation-free from any thread. {@link #roll} takes every method's
 * interval histogram under one lock, so two rollers never split an interval between them.
 */
public final class ServiceMetrics {
    /** Name under which calls of method ordinals outside the service's table are counted. */
    public static final String OTHER_METHOD = "other";

    private final String service;
    private final MethodStats[] methods;
    private final MethodStats other = new MethodStats(OTHER_METHOD);
    /** Also numbers the contexts: the n-th opened is context n. */
    private final AtomicLong contextsOpened = new AtomicLong();
    private final LongAdder contextsClosed = new LongAdder();
    private final ReentrantLock rollLock = new ReentrantLock();
    private volatile String state = "NEW";

    /**
     * @param service     the service's name
     * @param methodNames its methods' names, by ordinal
     * @throws NullPointerException if an argument is null
     */
    public ServiceMetrics(final String service, final List<String> methodNames) {
        this.service = Objects.requireNonNull(service, "service");
        this.methods = new MethodStats[methodNames.size()];
        for (int i = 0; i < methods.length; i++) {
            methods[i] = new MethodStats(methodNames.get(i));
        }
    }

    /** @return the service's name */
    public String service() {
        return service;
    }

    /**
     * @param methodId a method ordinal
     * @return its counters ({@value #OTHER_METHOD}'s for an ordinal outside the table)
     */
    public MethodStats method(final int methodId) {
        return methodId >= 0 && methodId < methods.length ? methods[methodId] : other;
    }

    /** @return the counters of every method of the table, then {@value #OTHER_METHOD}'s */
    public List<MethodStats> methods() {
        final MethodStats[] all = Arrays.copyOf(methods, methods.length + 1);
        all[methods.length] = other;
        return List.of(all);
    }

    /**
     * A call context was opened.
     *
     * @return its number within the service: 1, 2, ...
     */
    public long contextOpened() {
        return contextsOpened.incrementAndGet();
    }

    /** A call context was closed. */
    public void contextClosed() {
        contextsClosed.increment();
    }

    /** @return call contexts opened so far */
    public long contextsOpened() {
        return contextsOpened.get();
    }

    /** @return call contexts closed so far */
    public long contextsClosed() {
        return contextsClosed.sum();
    }

    /**
     * @param method  a method ordinal
     * @param outcome an outcome
     * @return calls of that method that ended so
     */
    public long calls(final int method, final CallOutcome outcome) {
        return method(method).calls(outcome);
    }

    /**
     * @param outcome an outcome
     * @return calls of every method that ended so
     */
    public long calls(final CallOutcome outcome) {
        long sum = other.calls(outcome);
        for (final MethodStats m : methods) {
            sum += m.calls(outcome);
        }
        return sum;
    }

    /** @return calls in flight over every method (a snapshot) */
    public long inFlight() {
        long sum = other.inFlight();
        for (final MethodStats m : methods) {
            sum += m.inFlight();
        }
        return sum;
    }

    /** @param state the service's lifecycle state now, as a label value */
    public void state(final String state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /** @return the service's lifecycle state, as last set */
    public String state() {
        return state;
    }

    /**
     * Takes every method's latency interval since the last roll, adds it to the method's total, and hands it to
     * {@code sink} (with the method's name) before it is recycled.
     *
     * @param sink told of each method's interval; may be null
     */
    public void roll(final BiConsumer<String, Histogram> sink) {
        rollLock.lock();
        try {
            for (final MethodStats m : methods()) {
                final Histogram interval = m.rollInterval();
                if (sink != null) {
                    sink.accept(m.method(), interval);
                }
                m.recycle(interval);
            }
        } finally {
            rollLock.unlock();
        }
    }

    /**
     * @param methodId a method ordinal
     * @return a copy of every latency interval rolled so far for that method, added up (nanoseconds)
     */
    public Histogram totalLatency(final int methodId) {
        rollLock.lock();
        try {
            return method(methodId).total().copy();
        } finally {
            rollLock.unlock();
        }
    }

    /** Reads every method's total under the roll lock (for exposition). */
    void forEachTotal(final BiConsumer<MethodStats, Histogram> reader) {
        rollLock.lock();
        try {
            for (final MethodStats m : methods()) {
                reader.accept(m, m.total());
            }
        } finally {
            rollLock.unlock();
        }
    }
}
