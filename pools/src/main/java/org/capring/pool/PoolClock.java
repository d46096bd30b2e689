package org.capring.pool;

/**
 * The pool's time source for idle time, lifetime and lease age (acquire timeouts always use
 * {@link System#nanoTime()}). Tests substitute a clock they advance by hand.
 */
@FunctionalInterface
public interface PoolClock {
    /** {@link System#nanoTime()}. */
    PoolClock SYSTEM = System::nanoTime;

    /** @return a monotonic time in nanoseconds */
    long nanoTime();
}
