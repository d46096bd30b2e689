package org.capring.stress.report;

import org.HdrHistogram.Histogram;

/**
 * The percentiles a report gives for one histogram, in nanoseconds.
 *
 * @param count  values recorded
 * @param p50    median
 * @param p90    90th percentile
 * @param p99    99th
 * @param p999   99.9th
 * @param p9999  99.99th
 * @param max    largest value
 */
public record Percentiles(long count, long p50, long p90, long p99, long p999, long p9999, long max) {
    /**
     * @param histogram a histogram of nanoseconds
     * @return its percentiles (all 0 when it is empty)
     */
    public static Percentiles of(final Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
            histogram.getValueAtPercentile(99.99), histogram.getMaxValue());
    }
}
