package org.capring.bench.callrate;

/** Calls per second, each caller sending its calls in SQ batches of {@value #BATCH} ({@code sendAll}). */
public class CapringCallsBatched extends CallRateBench {
    /** Calls per batch. */
    public static final int BATCH = 10;

    @Override
    int batch() {
        return BATCH;
    }
}
