package org.capring.ring;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The producer's side of the lost-wake-up tests: after a submit, waits until the consumer has taken the entry and
 * counts every lost wake-up on the way. A wake-up is lost when, 10 ms after the entry was published, the consumer
 * is parked, still armed in the SQ's doorbell (no producer took its announcement), with NEED_WAKEUP raised, and the
 * entry is still pending; a consumer that was rung but has not been scheduled yet is no longer armed, so an
 * oversubscribed machine does not count as a loss. Each loss is counted and the consumer unparked to go on.
 */
final class WakeupWatch {
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private WakeupWatch() {
    }

    /**
     * @param ring     the ring whose SQ the consumer drains
     * @param consumer the consumer's thread
     * @param consumed how many of this producer's entries the consumer has taken so far
     * @param round    the entry just submitted (0-based): waits until {@code consumed} passes it
     * @return wake-ups lost while waiting
     */
    static int awaitConsumed(final Ring ring, final Thread consumer, final LongSupplier consumed, final long round) {
        int lost = 0;
        long stallStart = System.nanoTime();
        while (consumed.getAsLong() <= round) {
            Thread.onSpinWait();
            if (System.nanoTime() - stallStart > STALL_NANOS) {
                if (consumer.getState() == Thread.State.WAITING
                    && ring.sqRegion().doorbell.isArmed()
                    && ring.buffer().getIntVolatile(RingLayout.SQ_FLAGS_OFFSET) == RingLayout.NEED_WAKEUP
                    && consumed.getAsLong() <= round) {
                    lost++;
                    LockSupport.unpark(consumer);
                }
                stallStart = System.nanoTime();
            }
        }
        return lost;
    }
}
