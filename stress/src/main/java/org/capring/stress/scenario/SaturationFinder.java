package org.capring.stress.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds the highest rate the system sustains with bounded latency on this machine, with a short ramp: steady steps
 * at rates that grow by {@link #GROWTH} until one is not sustained, then bisection between the last sustained rate
 * and the first unsustained one. A step is sustained when it broke no invariant (the generator's lag bound
 * included), answered at least {@value #ACHIEVED_FRACTION} of its rate, and kept its corrected p99 within the
 * latency bound.
 *
 * <p>The search is separate from running a step ({@link StepRunner}), so that it can be tested on its own.
 * Not thread-safe; one search at a time.
 */
public final class SaturationFinder {
    /** Rate growth between ramp steps. */
    public static final double GROWTH = 1.6;
    /** A step must answer at least this fraction of its rate. */
    public static final double ACHIEVED_FRACTION = 0.95;
    /** Bisection steps after the ramp. */
    static final int BISECTIONS = 3;
    /** Most ramp steps. */
    static final int MAX_RAMP_STEPS = 14;

    /** Runs one steady step at a rate. */
    @FunctionalInterface
    public interface StepRunner {
        /**
         * @param rate calls per second
         * @return what the step did
         * @throws Exception if the step could not run
         */
        Step run(double rate) throws Exception;
    }

    /**
     * One step of the search.
     *
     * @param rate       the rate asked for
     * @param achieved   calls answered per second
     * @param p99Nanos   corrected p99 of the steady window (after the warm-up)
     * @param breaches   invariant breaches (the generator's lag included)
     * @param firstBreach the first breach, or empty
     */
    public record Step(double rate, double achieved, long p99Nanos, long breaches, String firstBreach) {
        /** @throws NullPointerException if firstBreach is null */
        public Step {
            Objects.requireNonNull(firstBreach, "firstBreach");
        }
    }

    /**
     * The search's answer.
     *
     * @param rate  the highest sustained rate, 0 if not even the first was
     * @param steps every step, in the order run, with whether it was sustained
     * @param bound the latency bound used, nanoseconds
     */
    public record Result(double rate, List<Judged> steps, long bound) {
        /** Copies the steps. */
        public Result {
            steps = List.copyOf(steps);
        }

        /**
         * @return the rate and where it came from, for reports: searched (with its bound), or given with no steps
         *     ({@code --rate} to the acceptance suite)
         */
        public String describe() {
            return steps.isEmpty()
                ? String.format(Locale.ROOT, "%.0f calls/s, given by --rate (not searched in this run)", rate)
                : String.format(Locale.ROOT, "%.0f calls/s, searched (p99 bound %.1f ms)", rate, bound / 1e6);
        }
    }

    /**
     * A step with its verdict.
     *
     * @param step      the step
     * @param sustained whether it was sustained
     * @param why       the reason it was not, or "sustained"
     */
    public record Judged(Step step, boolean sustained, String why) {
    }

    private final double startRate;
    private final double maxRate;
    private final long latencyBoundNanos;

    /**
     * @param startRate         the first step's rate, positive
     * @param maxRate           no step goes above this
     * @param latencyBoundNanos the corrected p99 a sustained step keeps within
     * @throws IllegalArgumentException if a number is out of range
     */
    public SaturationFinder(final double startRate, final double maxRate, final long latencyBoundNanos) {
        if (!(startRate > 0) || !(maxRate >= startRate) || latencyBoundNanos <= 0) {
            throw new IllegalArgumentException("need 0 < startRate <= maxRate and a positive bound: " + startRate
                + ", " + maxRate + ", " + latencyBoundNanos);
        }
        this.startRate = startRate;
        this.maxRate = maxRate;
        this.latencyBoundNanos = latencyBoundNanos;
    }

    /**
     * @param runner runs the steps
     * @return the highest sustained rate and the steps that found it
     * @throws Exception if a step could not run
     */
    public Result find(final StepRunner runner) throws Exception {
        final List<Judged> steps = new ArrayList<>();
        double good = 0;
        double bad = 0;
        double rate = startRate;
        for (int i = 0; i < MAX_RAMP_STEPS; i++) {
            final Judged judged = judge(runner.run(rate));
            steps.add(judged);
            if (!judged.sustained()) {
                bad = rate;
                break;
            }
            good = rate;
            if (rate >= maxRate) {
                break;
            }
            rate = Math.min(maxRate, rate * GROWTH);
        }
        if (bad > 0 && good > 0) {
            for (int i = 0; i < BISECTIONS; i++) {
                final double mid = (good + bad) / 2;
                final Judged judged = judge(runner.run(mid));
                steps.add(judged);
                if (judged.sustained()) {
                    good = mid;
                } else {
                    bad = mid;
                }
            }
        }
        return new Result(good, steps, latencyBoundNanos);
    }

    private Judged judge(final Step step) {
        if (step.breaches() > 0) {
            return new Judged(step, false, "breach: " + step.firstBreach());
        }
        if (step.achieved() < ACHIEVED_FRACTION * step.rate()) {
            return new Judged(step, false, String.format(Locale.ROOT, "answered %.0f/s of %.0f/s", step.achieved(),
                step.rate()));
        }
        if (step.p99Nanos() > latencyBoundNanos) {
            return new Judged(step, false, String.format(Locale.ROOT, "p99 %.3f ms over the bound %.3f ms",
                step.p99Nanos() / 1e6, latencyBoundNanos / 1e6));
        }
        return new Judged(step, true, "sustained");
    }
}
