package org.capring.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How one service starts, drains and retries; immutable, validated when built.
 *
 * {@snippet :
 * ServiceConfig config = ServiceConfig.defaults().withDrainGrace(Duration.ofSeconds(2));
 * }
 *
 * @param startTimeout how long an instance may take to become READY: its start hook, the waits for its
 *                     dependencies and the readiness probe (default {@value #DEFAULT_START_TIMEOUT_MILLIS} ms)
 * @param drainGrace   how long calls in flight at a drain may take to finish before they are cancelled (default
 *                     {@value #DEFAULT_DRAIN_GRACE_MILLIS} ms; capped by the host's stop deadline)
 * @param cancelWait   how long cancelled calls may take to end before they count as stuck (default
 *                     {@value #DEFAULT_CANCEL_WAIT_MILLIS} ms; capped by the host's stop deadline)
 * @param maxAttempts  most attempts of one call when the failure phase asks for retries, the first included (default
 *                     {@value #DEFAULT_MAX_ATTEMPTS}); a call dispatched to a method that is not idempotent is never
 *                     retried, whatever the phase says
 */
public record ServiceConfig(Duration startTimeout, Duration drainGrace, Duration cancelWait, int maxAttempts) {
    /** Default {@link #startTimeout()}, in milliseconds. */
    public static final long DEFAULT_START_TIMEOUT_MILLIS = 10_000;
    /** Default {@link #drainGrace()}, in milliseconds. */
    public static final long DEFAULT_DRAIN_GRACE_MILLIS = 5_000;
    /** Default {@link #cancelWait()}, in milliseconds. */
    public static final long DEFAULT_CANCEL_WAIT_MILLIS = 1_000;
    /** Default {@link #maxAttempts()}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /**
     * @throws NullPointerException     if a duration is null
     * @throws IllegalArgumentException if a duration is negative (the start timeout zero or negative), or
     *                                  maxAttempts is below 1
     */
    public ServiceConfig {
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(drainGrace, "drainGrace");
        Objects.requireNonNull(cancelWait, "cancelWait");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
        }
        if (drainGrace.isNegative()) {
            throw new IllegalArgumentException("drainGrace must not be negative: " + drainGrace);
        }
        if (cancelWait.isNegative()) {
            throw new IllegalArgumentException("cancelWait must not be negative: " + cancelWait);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /** @return the defaults */
    public static ServiceConfig defaults() {
        return new ServiceConfig(Duration.ofMillis(DEFAULT_START_TIMEOUT_MILLIS),
            Duration.ofMillis(DEFAULT_DRAIN_GRACE_MILLIS), Duration.ofMillis(DEFAULT_CANCEL_WAIT_MILLIS),
            DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * @param timeout start timeout
     * @return a copy with it
     */
    public ServiceConfig withStartTimeout(final Duration timeout) {
        return new ServiceConfig(timeout, drainGrace, cancelWait, maxAttempts);
    }

    /**
     * @param grace drain grace period
     * @return a copy with it
     */
    public ServiceConfig withDrainGrace(final Duration grace) {
        return new ServiceConfig(startTimeout, grace, cancelWait, maxAttempts);
    }

    /**
     * @param wait cancel wait
     * @return a copy with it
     */
    public ServiceConfig withCancelWait(final Duration wait) {
        return new ServiceConfig(startTimeout, drainGrace, wait, maxAttempts);
    }

    /**
     * @param attempts most attempts per call
     * @return a copy with it
     */
    public ServiceConfig withMaxAttempts(final int attempts) {
        return new ServiceConfig(startTimeout, drainGrace, cancelWait, attempts);
    }
}
