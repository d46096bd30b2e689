package org.capring.bench.mpsc;

import org.capring.bench.PollingStyle;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters every multi-producer subject runs with: the polling style. {@code submitTake} has no wait loop (one
 * thread submits and takes back, the queue is never empty or full when it looks), so both styles run the same code
 * there and their difference is the run's noise; {@code transfer} waits in the style on both threads.
 */
@State(Scope.Group)
public abstract class MpscParams extends PollingStyle {
    /** Entries of every multi-producer queue under test. */
    public static final int CAPACITY = 1024;
    /** Most entries the {@code transfer} consumer takes per call. */
    public static final int DRAIN = 64;
}
