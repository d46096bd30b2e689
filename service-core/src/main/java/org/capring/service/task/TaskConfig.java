package org.capring.service.task;

import java.time.Duration;
import java.util.Objects;

/**
 * How one background task runs; immutable, validated when built.
 *
 * @param runDeadline   how long one run may take before it is cancelled and counted as an overrun (default
 *                      {@value #DEFAULT_RUN_DEADLINE_MILLIS} ms)
 * @param maxConcurrent most runs of the task at once (default {@value #DEFAULT_MAX_CONCURRENT}); a run due while
 *                      that many run is skipped and counted
 */
public record TaskConfig(Duration runDeadline, int maxConcurrent) {
    /** Default {@link #runDeadline()}, in milliseconds. */
    public static final long DEFAULT_RUN_DEADLINE_MILLIS = 10_000;
    /** Default {@link #maxConcurrent()}. */
    public static final int DEFAULT_MAX_CONCURRENT = 1;

    /**
     * @throws NullPointerException     if runDeadline is null
     * @throws IllegalArgumentException if runDeadline is not positive or maxConcurrent is below 1
     */
    public TaskConfig {
        Objects.requireNonNull(runDeadline, "runDeadline");
        if (runDeadline.isNegative() || runDeadline.isZero()) {
            throw new IllegalArgumentException("runDeadline must be positive: " + runDeadline);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
        }
    }

    /** @return the defaults */
    public static TaskConfig defaults() {
        return new TaskConfig(Duration.ofMillis(DEFAULT_RUN_DEADLINE_MILLIS), DEFAULT_MAX_CONCURRENT);
    }

    /**
     * @param deadline the per-run deadline
     * @return a copy with it
     */
    public TaskConfig withRunDeadline(final Duration deadline) {
        return new TaskConfig(deadline, maxConcurrent);
    }

    /**
     * @param runs most concurrent runs
     * @return a copy with it
     */
    public TaskConfig withMaxConcurrent(final int runs) {
        return new TaskConfig(runDeadline, runs);
    }
}
