package org.capring.ring;

/**
 * A bounded spin before parking, for a virtual thread that waits for a hand-off: up to {@code rounds} rounds of
 * {@link Thread#onSpinWait()}, and only while a {@link SpinBudget} permit says a core is free. A hand-off that
 * arrives within the spin costs no park and no wake-up. Not thread-safe: one per waiting thread.
 */
public final class SpinWait {
    private final int rounds;
    private int spun;
    private boolean holdsPermit;

    /**
     * @param rounds spin rounds before the caller should park; 0, or a JVM without spare processors, parks at once
     * @throws IllegalArgumentException if {@code rounds} is negative
     */
    public SpinWait(final int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must not be negative: " + rounds);
        }
        this.rounds = SpinBudget.permits() > 0 ? rounds : 0;
    }

    /** @return true after one more spin round; false (permit given back) when the caller should park now */
    public boolean spin() {
        if (spun < rounds && (holdsPermit || (holdsPermit = SpinBudget.tryAcquire()))) {
            spun++;
            Thread.onSpinWait();
            return true;
        }
        reset();
        return false;
    }

    /** Work arrived, or the caller parks or leaves: start over and give the permit back. */
    public void reset() {
        spun = 0;
        if (holdsPermit) {
            holdsPermit = false;
            SpinBudget.release();
        }
    }
}
