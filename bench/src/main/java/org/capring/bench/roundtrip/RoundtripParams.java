package org.capring.bench.roundtrip;

import org.capring.bench.BenchFlags;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The polling style every round-trip subject runs in, a JMH parameter: both the benchmark thread and the echo thread
 * wait in that style.
 */
@State(Scope.Benchmark)
public abstract class RoundtripParams {
    /**
     * {@value BenchFlags#ON_SPIN_WAIT}: every wait loop (empty queue, full queue) calls {@link Thread#onSpinWait()};
     * {@value BenchFlags#BUSY}: they spin without it.
     */
    @Param({BenchFlags.BUSY, BenchFlags.ON_SPIN_WAIT})
    public String spinWait;

    /** Set from {@link #spinWait} in {@link #setUpParams()}: whether loops pause. */
    protected boolean pause;

    /** Derives {@link #pause}; every subject calls it first in its trial set-up. */
    protected final void setUpParams() {
        pause = BenchFlags.pauses(spinWait);
    }

    /** One empty round of a wait loop on the benchmark thread. */
    protected final void idle() {
        if (pause) {
            Thread.onSpinWait();
        }
    }
}
