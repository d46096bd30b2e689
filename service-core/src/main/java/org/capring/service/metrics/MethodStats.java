package org.capring.service.metrics;

import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters of one method of one service: calls by {@link CallOutcome}, calls in flight, and latency recorded
 * into an HdrHistogram {@link Recorder} (wait-free, allocation-free per value) whose interval histograms
 * {@link ServiceMetrics#roll} takes.
 *
 * <p><b>Threads.</b> Any number of call threads record at once; one roller at a time takes intervals (the owning
 * {@link ServiceMetrics} serializes rolls). Recording never blocks and never allocates.
 */
public final class MethodStats {
    /** Highest latency the histograms track without resizing: one hour, in nanoseconds. */
    public static final long HIGHEST_TRACKABLE_NANOS = 3_600_000_000_000L;
    /** Significant decimal digits of the latency histograms. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final String method;
    private final LongAdder[] outcomes = new LongAdder[CallOutcome.all().length];
    private final LongAdder inFlight = new LongAdder();
    private final Recorder latency = new Recorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    /** Every interval taken so far, added up; guarded by the owner's roll lock. */
    private final Histogram total = new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    /** The interval histogram handed back to the recorder for reuse; guarded by the owner's roll lock. */
    private Histogram recycle;

    MethodStats(final String method) {
        this.method = method;
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    /** @return the method's name */
    public String method() {
        return method;
    }

    /** A call of this method entered its target. */
    public void entered() {
        inFlight.increment();
    }

    /** A call of this method that {@link #entered()} left its target. */
    public void left() {
        inFlight.decrement();
    }

    /**
     * Counts one ended call.
     *
     * @param outcome      how it ended
     * @param latencyNanos from its context's opening to the end of its phases, in nanoseconds
     */
    public void record(final CallOutcome outcome, final long latencyNanos) {
        outcomes[outcome.ordinal()].increment();
        latency.recordValue(Math.max(1, Math.min(latencyNanos, HIGHEST_TRACKABLE_NANOS)));
    }

    /**
     * @param outcome an outcome
     * @return calls of this method that ended so
     */
    public long calls(final CallOutcome outcome) {
        return outcomes[outcome.ordinal()].sum();
    }

    /** @return calls of this method in flight now (a snapshot) */
    public long inFlight() {
        return inFlight.sum();
    }

    /** Takes the interval since the last roll, adds it to the total; the caller holds the owner's roll lock. */
    Histogram rollInterval() {
        final Histogram interval = latency.getIntervalHistogram(recycle);
        total.add(interval);
        return interval;
    }

    /** Gives the interval back for reuse once it was written; the caller holds the owner's roll lock. */
    void recycle(final Histogram interval) {
        recycle = interval;
    }

    /** @return every interval rolled so far, added up (the caller holds the owner's roll lock) */
    Histogram total() {
        return total;
    }
}
