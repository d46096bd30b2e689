package org.capring.bench.report;

/**
 * Which way a metric improves. Every ratio the report prints is oriented by this so that a value above 1 always
 * means capring did better.
 */
public enum Direction {
    /** Rates: operations or items per unit of time. */
    HIGHER_IS_BETTER("higher is better"),
    /** Costs: time per operation (JMH modes {@code avgt}, {@code sample}, {@code ss}). */
    LOWER_IS_BETTER("lower is better");

    private final String label;

    Direction(final String label) {
        this.label = label;
    }

    /** @return the phrase the report and the chart titles use, e.g. "higher is better" */
    public String label() {
        return label;
    }

    /**
     * The factor by which {@code capring} beats {@code peer}: {@code capring / peer} for rates, {@code peer /
     * capring} for costs. Above 1 means capring is better, below 1 that the peer is.
     *
     * @param capring capring's score
     * @param peer    the peer's score, in the same unit
     * @return the oriented ratio; infinite when the denominator is zero
     */
    public double advantage(final double capring, final double peer) {
        return this == HIGHER_IS_BETTER ? capring / peer : peer / capring;
    }

    /**
     * @param a a score
     * @param b another score in the same unit
     * @return whether {@code a} is strictly better than {@code b}
     */
    public boolean isBetter(final double a, final double b) {
        return this == HIGHER_IS_BETTER ? a > b : a < b;
    }

    /**
     * @param stats per-fork scores
     * @return the best fork's score: the maximum for rates, the minimum for costs
     */
    public double bestFork(final ForkStats stats) {
        return this == HIGHER_IS_BETTER ? stats.max() : stats.min();
    }

    /**
     * @param stats per-fork scores
     * @return the worst fork's score: the minimum for rates, the maximum for costs
     */
    public double worstFork(final ForkStats stats) {
        return this == HIGHER_IS_BETTER ? stats.min() : stats.max();
    }
}
