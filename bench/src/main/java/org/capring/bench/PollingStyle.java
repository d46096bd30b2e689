package org.capring.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The polling style a subject runs in, a JMH parameter every ring measure shares, so capring and its peers run each
 * style in the same run: {@value BenchFlags#ON_SPIN_WAIT}, every wait loop (empty queue, full queue, the echo
 * thread's) calls {@link Thread#onSpinWait()} before the next attempt; {@value BenchFlags#BUSY}, they try again at
 * once, the way Disruptor's {@code BusySpinWaitStrategy} and JCTools' own benchmarks poll. A measure's parameter
 * class extends this (with its own {@code @State} scope) and its subjects call {@link #setUpParams()} first in their
 * trial set-up.
 */
@State(Scope.Benchmark)
public abstract class PollingStyle {
    /** {@value BenchFlags#BUSY} or {@value BenchFlags#ON_SPIN_WAIT}. */
    @Param({BenchFlags.BUSY, BenchFlags.ON_SPIN_WAIT})
    public String spinWait;

    /** Set from {@link #spinWait} by {@link #setUpParams()}: whether wait loops pause. */
    protected boolean pause;

    /**
     * Derives {@link #pause} (and, in a measure that has more parameters, checks them).
     *
     * @throws IllegalArgumentException if a parameter is out of range
     */
    protected void setUpParams() {
        pause = BenchFlags.pauses(spinWait);
    }

    /** One empty round of a wait loop on the benchmark thread, in the polling style. */
    protected final void idle() {
        if (pause) {
            Thread.onSpinWait();
        }
    }
}
