package org.capring.stress.latency;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * Every call's latencies, per {@link Measure} and {@link Window}: recorded wait-free into HdrHistogram
 * {@link Recorder}s by the callers, taken as interval histograms by one logging thread ({@link #flush}), written to
 * one HdrHistogram interval log per measure ({@code corrected.hlog}, {@code uncorrected.hlog}, {@code lag.hlog}),
 * each interval tagged with its window, and added up into one total histogram per measure and window. Values are
 * nanoseconds. A coarse time series (the largest corrected and uncorrected latency per bucket of intended start
 * time) feeds the latency-over-time chart.
 *
 * <p><b>Threads.</b> {@link #record} and {@link #recordLag} from any number of callers (wait-free); {@link #flush},
 * {@link #close} and the readers from one logging thread, or after the run.
 */
public final class LatencyLog implements AutoCloseable {
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int MEASURES = Measure.values().length;
    private static final int WINDOWS = Window.values().length;

    private final Recorder[] recorders = new Recorder[MEASURES * WINDOWS];
    private final Histogram[] recycled = new Histogram[MEASURES * WINDOWS];
    private final Histogram[] totals = new Histogram[MEASURES * WINDOWS];
    private final HistogramLogWriter[] writers = new HistogramLogWriter[MEASURES];
    private final List<IntervalPoint> intervals = new ArrayList<>();
    private final Histogram intervalAll = new Histogram(SIGNIFICANT_DIGITS);
    private final Histogram intervalLag = new Histogram(SIGNIFICANT_DIGITS);
    private final long originNanos;
    private final long bucketNanos;
    private final AtomicLongArray correctedMax;
    private final AtomicLongArray uncorrectedMax;

    /**
     * A summary of one logging interval, all windows together.
     *
     * @param endOffsetNanos when it ended, after the origin
     * @param count          calls answered in it
     * @param p99Nanos       their corrected p99
     * @param maxNanos       their largest corrected latency
     * @param lagP99Nanos    the generator's lag p99 over the callers started in it
     */
    public record IntervalPoint(long endOffsetNanos, long count, long p99Nanos, long maxNanos, long lagP99Nanos) {
    }

    /**
     * @param directory      where the three logs go, or null to keep no logs
     * @param originNanos    the schedule's origin, on the {@link System#nanoTime()} clock
     * @param spanNanos      how long after the origin calls may be intended (sizes the time series)
     * @param bucketNanos    time series resolution
     * @param startEpochMillis the wall-clock time of the origin, the logs' base time
     * @throws IOException if a log cannot be created
     */
    public LatencyLog(final Path directory, final long originNanos, final long spanNanos, final long bucketNanos,
                      final long startEpochMillis) throws IOException {
        for (int i = 0; i < recorders.length; i++) {
            recorders[i] = new Recorder(SIGNIFICANT_DIGITS);
            totals[i] = new Histogram(SIGNIFICANT_DIGITS);
        }
        if (directory != null) {
            for (final Measure measure : Measure.values()) {
                final HistogramLogWriter writer = new HistogramLogWriter(
                    new PrintStream(directory.resolve(measure.fileName()).toFile(), java.nio.charset.StandardCharsets.UTF_8));
                writer.outputComment("capring stress: " + measure.label() + " latency in nanoseconds, intervals tagged by "
                    + "lifecycle window (" + String.join(", ", java.util.Arrays.stream(Window.values()).map(Window::tag)
                    .toList()) + ")");
                writer.outputLogFormatVersion();
                writer.setBaseTime(startEpochMillis);
                writer.outputBaseTime(startEpochMillis);
                writer.outputStartTime(startEpochMillis);
                writer.outputLegend();
                writers[measure.ordinal()] = writer;
            }
        }
        this.originNanos = originNanos;
        this.bucketNanos = Math.max(1, bucketNanos);
        final int buckets = (int) Math.min(1 << 20, spanNanos / this.bucketNanos + 2);
        this.correctedMax = new AtomicLongArray(buckets);
        this.uncorrectedMax = new AtomicLongArray(buckets);
    }

    private static int index(final Measure measure, final Window window) {
        return measure.ordinal() * WINDOWS + window.ordinal();
    }

    /**
     * Records one answered call.
     *
     * @param window          the window its intended start fell in
     * @param intendedNanos   its intended start, on the {@link System#nanoTime()} clock
     * @param correctedNanos  answer minus intended start
     * @param uncorrectedNanos answer minus actual submission
     */
    public void record(final Window window, final long intendedNanos, final long correctedNanos,
                       final long uncorrectedNanos) {
        final long corrected = Math.max(0, correctedNanos);
        final long uncorrected = Math.max(0, uncorrectedNanos);
        recorders[index(Measure.CORRECTED, window)].recordValue(corrected);
        recorders[index(Measure.UNCORRECTED, window)].recordValue(uncorrected);
        final int bucket = (int) Math.min(correctedMax.length() - 1, Math.max(0, (intendedNanos - originNanos) / bucketNanos));
        raise(correctedMax, bucket, corrected);
        raise(uncorrectedMax, bucket, uncorrected);
    }

    /**
     * Records how late one caller started.
     *
     * @param window   the window its intended start fell in
     * @param lagNanos actual start minus intended start
     */
    public void recordLag(final Window window, final long lagNanos) {
        recorders[index(Measure.LAG, window)].recordValue(Math.max(0, lagNanos));
    }

    private static void raise(final AtomicLongArray max, final int i, final long value) {
        long now;
        while (value > (now = max.get(i)) && !max.compareAndSet(i, now, value)) {
            Thread.onSpinWait();
        }
    }

    /**
     * Ends the current interval: writes each measure's and window's interval histogram (when it counted anything)
     * to its log, tagged, adds it to the totals and summarises the interval.
     *
     * @param nowNanos now, on the {@link System#nanoTime()} clock
     * @return the interval's summary
     */
    public IntervalPoint flush(final long nowNanos) {
        intervalAll.reset();
        intervalLag.reset();
        for (final Measure measure : Measure.values()) {
            for (final Window window : Window.values()) {
                final int i = index(measure, window);
                final Histogram interval = recorders[i].getIntervalHistogram(recycled[i]);
                recycled[i] = interval;
                if (interval.getTotalCount() == 0) {
                    continue;
                }
                interval.setTag(window.tag());
                if (writers[measure.ordinal()] != null) {
                    writers[measure.ordinal()].outputIntervalHistogram(interval);
                }
                totals[i].add(interval);
                if (measure == Measure.CORRECTED) {
                    intervalAll.add(interval);
                } else if (measure == Measure.LAG) {
                    intervalLag.add(interval);
                }
            }
        }
        final IntervalPoint point = new IntervalPoint(nowNanos - originNanos, intervalAll.getTotalCount(),
            intervalAll.getTotalCount() == 0 ? 0 : intervalAll.getValueAtPercentile(99),
            intervalAll.getTotalCount() == 0 ? 0 : intervalAll.getMaxValue(),
            intervalLag.getTotalCount() == 0 ? 0 : intervalLag.getValueAtPercentile(99));
        intervals.add(point);
        return point;
    }

    /**
     * @param measure a measure
     * @param window  a window
     * @return everything flushed so far for them (live: do not modify)
     */
    public Histogram total(final Measure measure, final Window window) {
        return totals[index(measure, window)];
    }

    /**
     * @param measure a measure
     * @return everything flushed so far for it, all windows together (a new histogram)
     */
    public Histogram total(final Measure measure) {
        final Histogram all = new Histogram(SIGNIFICANT_DIGITS);
        for (final Window window : Window.values()) {
            all.add(total(measure, window));
        }
        return all;
    }

    /** @return the interval summaries so far, in order */
    public List<IntervalPoint> intervals() {
        return List.copyOf(intervals);
    }

    /** @return the time series' resolution in nanoseconds */
    public long bucketNanos() {
        return bucketNanos;
    }

    /**
     * @param corrected true for corrected latencies, false for uncorrected
     * @return the largest latency per bucket of intended start (0 where no call was answered)
     */
    public long[] bucketMax(final boolean corrected) {
        final AtomicLongArray source = corrected ? correctedMax : uncorrectedMax;
        final long[] copy = new long[source.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = source.get(i);
        }
        return copy;
    }

    /** Closes the logs. */
    @Override
    public void close() {
        for (final HistogramLogWriter writer : writers) {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
