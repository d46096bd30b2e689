package org.capring.bench.mpsc;

import org.capring.bench.BenchFlags;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The polling style every multi-producer subject runs in, a JMH parameter. {@code submitTake} has no wait loop (one
 * thread submits and takes back, the queue is never empty or full when it looks), so both styles run the same code
 * there and their difference is the run's noise; {@code transfer} waits in the style on both threads.
 */
@State(Scope.Group)
public abstract class MpscParams {
    /** Entries of every multi-producer queue under test. */
    public static final int CAPACITY = 1024;
    /** Most entries the {@code transfer} consumer takes per call. */
    public static final int DRAIN = 64;

    /**
     * {@value BenchFlags#ON_SPIN_WAIT}: an empty poll and a full claim call {@link Thread#onSpinWait()};
     * {@value BenchFlags#BUSY}: they try again at once.
     */
    @Param({BenchFlags.BUSY, BenchFlags.ON_SPIN_WAIT})
    public String spinWait;

    /** Set from {@link #spinWait} in {@link #setUpParams()}: whether loops pause. */
    protected boolean pause;

    /** Derives {@link #pause}; every subject calls it first in its trial set-up. */
    protected final void setUpParams() {
        pause = BenchFlags.pauses(spinWait);
    }
}
