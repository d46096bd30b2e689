package org.capring.bench.report;

import java.util.Arrays;
import java.util.List;

/**
 * The scores of one benchmark row, one per JMH fork; a fork's score is the mean of its measurement iterations. The
 * report keeps forks apart rather than averaging them: when the host places the threads differently in each fork,
 * the spread between forks is signal.
 *
 * @param forkScores one score per fork, in fork order; never empty, every score finite
 */
public record ForkStats(List<Double> forkScores) {
    /**
     * @throws IllegalArgumentException if there is no fork or a score is not finite
     */
    public ForkStats {
        forkScores = List.copyOf(forkScores);
        if (forkScores.isEmpty()) {
            throw new IllegalArgumentException("no fork scores");
        }
        for (final double score : forkScores) {
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("fork score is not finite: " + score);
            }
        }
    }

    /**
     * @param iterationsPerFork for each fork, its iteration scores; every fork has at least one
     * @return the stats of the per-fork means
     * @throws IllegalArgumentException if there is no fork, a fork has no iteration, or a score is not finite
     */
    public static ForkStats ofIterations(final List<List<Double>> iterationsPerFork) {
        return new ForkStats(iterationsPerFork.stream().map(ForkStats::mean).toList());
    }

    /**
     * @param values at least one value
     * @return their arithmetic mean
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static double mean(final List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a fork has no iterations");
        }
        double sum = 0;
        for (final double value : values) {
            sum += value;
        }
        return sum / values.size();
    }

    /**
     * @param values at least one value
     * @return the middle value, or the mean of the two middle values for an even count
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static double median(final List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        final double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** @return the number of forks */
    public int forks() {
        return forkScores.size();
    }

    /** @return the lowest fork score */
    public double min() {
        return forkScores.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** @return the median fork score (mean of the middle two for an even fork count) */
    public double median() {
        return median(forkScores);
    }

    /** @return the highest fork score */
    public double max() {
        return forkScores.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
