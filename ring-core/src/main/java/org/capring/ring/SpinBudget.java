package org.capring.ring;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many threads of this JVM may spin-wait at once: one fewer than there are processors, or carrier threads of
 * the virtual-thread scheduler ({@code jdk.virtualThreadScheduler.parallelism}) if there are fewer, so none on a
 * single processor or carrier. A virtual thread that waits for a hand-off spins only while it holds a permit from
 * here, and parks at once otherwise: the one core no spinner may hold is the one the awaited work runs on. With as
 * many spinners as cores, a call whose handler runs on a third virtual thread (an endpoint loop) waits for a core
 * that two spinners hold; measured by the {@code CallDesigns} benchmark against one spinner more
 * ({@code CallDesignsTwoSpinners}).
 *
 * <p>Thread-safe, lock-free. Permits are not owned: a holder must {@link #release()} exactly once per successful
 * {@link #tryAcquire()}.
 */
public final class SpinBudget {
    /** System property that sets the permits outright (for measurements); unset: the formula above. */
    public static final String PERMITS_PROPERTY = "capring.spinPermits";
    private static final int PERMITS = permits(Runtime.getRuntime().availableProcessors(),
        System.getProperty("jdk.virtualThreadScheduler.parallelism"), System.getProperty(PERMITS_PROPERTY));
    private static final AtomicInteger SPINNING = new AtomicInteger();

    private SpinBudget() {
    }

    /**
     * @param processors  processors available to the JVM
     * @param parallelism the virtual-thread scheduler's parallelism property, or null when unset
     * @param override    the {@value #PERMITS_PROPERTY} property, or null when unset
     * @return the override if set, else {@link #permits(int, String)}
     * @throws IllegalArgumentException if the override is not a non-negative integer
     */
    static int permits(final int processors, final String parallelism, final String override) {
        if (override != null) {
            try {
                final int permits = Integer.parseInt(override.strip());
                if (permits >= 0) {
                    return permits;
                }
            } catch (final NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(PERMITS_PROPERTY + " must be a non-negative integer: '" + override + "'");
        }
        return permits(processors, parallelism);
    }

    /**
     * @param processors  processors available to the JVM
     * @param parallelism the virtual-thread scheduler's parallelism property, or null when unset (then it is the
     *                    processors); a value that is not a number counts as unset
     * @return the permits for that machine: min(processors, carriers) - 1, and never below 0
     */
    static int permits(final int processors, final String parallelism) {
        int carriers = processors;
        if (parallelism != null) {
            try {
                carriers = Integer.parseInt(parallelism.strip());
            } catch (final NumberFormatException e) {
                carriers = processors;
            }
        }
        return Math.max(0, Math.min(processors, carriers) - 1);
    }

    /** @return true if the caller may spin now (and must {@link #release()} when it stops) */
    public static boolean tryAcquire() {
        while (true) {
            final int spinning = SPINNING.get();
            if (spinning >= PERMITS) {
                return false;
            }
            if (SPINNING.compareAndSet(spinning, spinning + 1)) {
                return true;
            }
        }
    }

    /** Gives back a permit taken by {@link #tryAcquire()}. */
    public static void release() {
        SPINNING.decrementAndGet();
    }

    /** @return spinners this JVM allows at once */
    public static int permits() {
        return PERMITS;
    }
}
