package org.capring.ring.call;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Waiting for test threads without a timing assertion: a wait fails only when nothing moves for a generous
 * stall period, however long the run as a whole takes (so the same tests scale to their long mode).
 */
final class Liveness {
    private static final Duration POLL = Duration.ofMillis(200);

    private Liveness() {
    }

    /**
     * Joins every thread while {@code progress} keeps changing.
     *
     * @param threads  threads to join
     * @param progress a counter the threads advance (calls finished, say)
     * @param stall    longest time without progress
     * @return null once all ended, or the first thread still alive after a stall
     * @throws InterruptedException if interrupted while waiting
     */
    static Thread joinAll(final List<Thread> threads, final LongSupplier progress, final Duration stall)
        throws InterruptedException {
        long seen = progress.getAsLong();
        long lastChange = System.nanoTime();
        for (final Thread thread : threads) {
            while (!thread.join(POLL)) {
                final long now = progress.getAsLong();
                if (now != seen) {
                    seen = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                    return thread;
                }
            }
        }
        return null;
    }
}
