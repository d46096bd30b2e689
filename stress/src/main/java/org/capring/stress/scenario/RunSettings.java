package org.capring.stress.scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a run is carried out (the {@link Plan} says what is run). Validated when built.
 *
 * @param grace       how long calls in flight may take in a drain or handoff before they are cancelled
 *                    (default 100 ms)
 * @param lossTimeout how long an issued call may go without an outcome before it counts as lost, live and at the
 *                    end (default 10 s)
 * @param lagBound    the generator's lag p99 over any logging interval may not exceed this (default 50 ms); judged
 *                    on the intervals that begin after the warm-up ({@link Plan#warmupNanos})
 * @param interval    logging interval of the HdrHistogram logs and the progress line (default 1 s)
 * @param afterWindow how long after an event calls count as {@code after} (default 200 ms)
 * @param serviceTime how long every handler works (parks) before it answers, to keep calls in flight (default 0)
 * @param stall       a calibration stall of the server (every handler that starts inside it waits until it ends), or
 *                    null for none
 * @param logDir      where the HdrHistogram logs go, or null to keep none
 * @param console     where progress lines go, or null for none
 */
public record RunSettings(Duration grace, Duration lossTimeout, Duration lagBound, Duration interval,
                          Duration afterWindow, Duration serviceTime, Stall stall, Path logDir, PrintStream console) {
    /**
     * A server stall at a known moment for a known time.
     *
     * @param at     when it begins, after the run's origin
     * @param length how long it lasts
     */
    public record Stall(Duration at, Duration length) {
        /**
         * @throws IllegalArgumentException if at is negative or length not positive
         */
        public Stall {
            if (at.isNegative() || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a stall needs a start >= 0 and a positive length: " + at + ", " + length);
            }
        }
    }

    /**
     * @throws NullPointerException     if a duration is null
     * @throws IllegalArgumentException if a duration is out of range
     */
    public RunSettings {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        positive(lossTimeout, "lossTimeout");
        positive(lagBound, "lagBound");
        positive(interval, "interval");
        Objects.requireNonNull(afterWindow, "afterWindow");
        if (afterWindow.isNegative()) {
            throw new IllegalArgumentException("afterWindow must not be negative: " + afterWindow);
        }
        Objects.requireNonNull(serviceTime, "serviceTime");
        if (serviceTime.isNegative()) {
            throw new IllegalArgumentException("serviceTime must not be negative: " + serviceTime);
        }
    }

    private static void positive(final Duration d, final String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    /** @return the defaults: no logs, no console, no stall */
    public static RunSettings defaults() {
        return new RunSettings(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMillis(50),
            Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ZERO, null, null, null);
    }

    /**
     * @param dir    where the logs go
     * @param out    where progress goes
     * @return a copy with those
     */
    public RunSettings withOutput(final Path dir, final PrintStream out) {
        return new RunSettings(grace, lossTimeout, lagBound, interval, afterWindow, serviceTime, stall, dir, out);
    }

    /**
     * @param value the stall
     * @return a copy with it
     */
    public RunSettings withStall(final Stall value) {
        return new RunSettings(grace, lossTimeout, lagBound, interval, afterWindow, serviceTime, value, logDir, console);
    }

    /**
     * @param value the service time
     * @return a copy with it
     */
    public RunSettings withServiceTime(final Duration value) {
        return new RunSettings(grace, lossTimeout, lagBound, interval, afterWindow, value, stall, logDir, console);
    }

    /**
     * @param value the loss timeout
     * @return a copy with it
     */
    public RunSettings withLossTimeout(final Duration value) {
        return new RunSettings(grace, value, lagBound, interval, afterWindow, serviceTime, stall, logDir, console);
    }

    /**
     * @param value the grace period
     * @return a copy with it
     */
    public RunSettings withGrace(final Duration value) {
        return new RunSettings(value, lossTimeout, lagBound, interval, afterWindow, serviceTime, stall, logDir, console);
    }

    /**
     * @param value the lag bound
     * @return a copy with it
     */
    public RunSettings withLagBound(final Duration value) {
        return new RunSettings(grace, lossTimeout, value, interval, afterWindow, serviceTime, stall, logDir, console);
    }

    /**
     * @param value the logging interval
     * @return a copy with it
     */
    public RunSettings withInterval(final Duration value) {
        return new RunSettings(grace, lossTimeout, lagBound, value, afterWindow, serviceTime, stall, logDir, console);
    }
}
