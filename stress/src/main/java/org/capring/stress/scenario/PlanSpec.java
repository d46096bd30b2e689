package org.capring.stress.scenario;

import java.time.Duration;
import java.util.Objects;

import org.capring.stress.load.Arrivals;

/**
 * Everything a {@link Plan} is built from. Validated when built; the same spec always builds the same plan.
 *
 * @param scenario  which events to schedule
 * @param seed      the one seed of arrivals and events
 * @param rate      calls per second
 * @param duration  how long the load lasts
 * @param arrivals  how starts are spaced
 * @param gapMin    shortest planned gap between two events (default 150 ms)
 * @param gapMax    longest planned gap between two events (default 450 ms)
 * @param pauseMin  shortest reaping pause (default 50 ms)
 * @param pauseMax  longest reaping pause (default 250 ms)
 * @param hungLead  how long before a hung drain its hung calls are intended (default 20 ms)
 */
public record PlanSpec(Scenario scenario, long seed, double rate, Duration duration, Arrivals arrivals,
                       Duration gapMin, Duration gapMax, Duration pauseMin, Duration pauseMax, Duration hungLead) {
    /** Default shortest gap between events. */
    public static final Duration DEFAULT_GAP_MIN = Duration.ofMillis(150);
    /** Default longest gap between events. */
    public static final Duration DEFAULT_GAP_MAX = Duration.ofMillis(450);

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if a number or duration is out of range
     */
    public PlanSpec {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(arrivals, "arrivals");
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number of calls per second: " + rate);
        }
        positive(duration, "duration");
        positive(gapMin, "gapMin");
        positive(pauseMin, "pauseMin");
        positive(hungLead, "hungLead");
        if (gapMax.compareTo(gapMin) < 0 || pauseMax.compareTo(pauseMin) < 0) {
            throw new IllegalArgumentException("a range's maximum is below its minimum: gaps " + gapMin + ".." + gapMax
                + ", pauses " + pauseMin + ".." + pauseMax);
        }
    }

    private static void positive(final Duration d, final String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    /**
     * @param scenario which events
     * @param seed     the seed
     * @param rate     calls per second
     * @param duration how long
     * @return a spec with constant arrivals and the default event spacing
     */
    public static PlanSpec of(final Scenario scenario, final long seed, final double rate, final Duration duration) {
        return new PlanSpec(scenario, seed, rate, duration, Arrivals.CONSTANT, DEFAULT_GAP_MIN, DEFAULT_GAP_MAX,
            Duration.ofMillis(50), Duration.ofMillis(250), DEFAULT_HUNG_LEAD);
    }

    /** Default {@link #hungLead()}: how long before a hung drain its hung calls are intended. */
    public static final Duration DEFAULT_HUNG_LEAD = Duration.ofMillis(20);

    /**
     * @param value arrivals
     * @return a copy with those arrivals
     */
    public PlanSpec withArrivals(final Arrivals value) {
        return new PlanSpec(scenario, seed, rate, duration, value, gapMin, gapMax, pauseMin, pauseMax, hungLead);
    }

    /**
     * @param min shortest gap
     * @param max longest gap
     * @return a copy with that event spacing
     */
    public PlanSpec withGaps(final Duration min, final Duration max) {
        return new PlanSpec(scenario, seed, rate, duration, arrivals, min, max, pauseMin, pauseMax, hungLead);
    }

    /**
     * @param value the rate
     * @return a copy with that rate
     */
    public PlanSpec withRate(final double value) {
        return new PlanSpec(scenario, seed, value, duration, arrivals, gapMin, gapMax, pauseMin, pauseMax, hungLead);
    }
}
