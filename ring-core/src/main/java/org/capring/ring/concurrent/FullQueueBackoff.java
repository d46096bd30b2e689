package org.capring.ring.concurrent;

import java.util.concurrent.locks.LockSupport;

import org.capring.ring.SpinWait;

/**
 * How a producer waits for room in a full queue that no doorbell announces (the consumer frees room by moving
 * its head, which nobody is told about): a few budgeted spins ({@link SpinWait}), then timed parks that double
 * from {@value #FIRST_PARK_NANOS} ns up to a ceiling. Timed parks unmount a virtual thread and free its carrier,
 * so the consumer it waits for can run.
 *
 * {@snippet :
 * FullQueueBackoff backoff = new FullQueueBackoff(FullQueueBackoff.DEFAULT_MAX_PARK_NANOS);
 * while (!producer.tryClaim(n)) {
 *     backoff.idle();
 * }
 * backoff.reset();
 * }
 *
 * <p>Not thread-safe: one per waiting thread (or per role that one thread holds at a time).
 */
public final class FullQueueBackoff {
    /** First timed park, in nanoseconds. */
    public static final long FIRST_PARK_NANOS = 1_000;
    /** Default ceiling of the timed parks, in nanoseconds. */
    public static final long DEFAULT_MAX_PARK_NANOS = 100_000;
    /** Budgeted spin rounds before the first park. */
    public static final int SPIN_ROUNDS = 32;

    private final SpinWait spin = new SpinWait(SPIN_ROUNDS);
    private final long maxParkNanos;
    private long nextPark = FIRST_PARK_NANOS;

    /**
     * @param maxParkNanos ceiling of the timed parks, at least {@value #FIRST_PARK_NANOS}
     * @throws IllegalArgumentException if the ceiling is below the first park
     */
    public FullQueueBackoff(final long maxParkNanos) {
        if (maxParkNanos < FIRST_PARK_NANOS) {
            throw new IllegalArgumentException("maxParkNanos must be at least " + FIRST_PARK_NANOS + ": " + maxParkNanos);
        }
        this.maxParkNanos = maxParkNanos;
    }

    /** Waits once: a spin while the budget allows, else a timed park, each park twice the last up to the ceiling. */
    public void idle() {
        if (spin.spin()) {
            return;
        }
        LockSupport.parkNanos(this, nextPark);
        nextPark = Math.min(maxParkNanos, nextPark << 1);
    }

    /** Room was found: the next wait starts again with spins. */
    public void reset() {
        spin.reset();
        nextPark = FIRST_PARK_NANOS;
    }
}
