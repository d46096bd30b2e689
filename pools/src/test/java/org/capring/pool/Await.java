package org.capring.pool;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition another thread makes true, bounded; fails the test if it never happens. */
public final class Await {
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private Await() {
    }

    /**
     * @param condition what to wait for
     * @param what      its description, for the failure
     */
    public static void until(final BooleanSupplier condition, final String what) {
        final long deadline = System.nanoTime() + LIMIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("never happened within 20 s: " + what);
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
