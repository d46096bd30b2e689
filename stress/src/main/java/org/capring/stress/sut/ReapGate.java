package org.capring.stress.sut;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Holds callers between submitting a call and collecting its answer while reaping is paused (the slow-consumer
 * fault). Open by default.
 *
 * <p><b>Threads.</b> Any number of callers pass; one driver pauses and resumes. A paused gate is one
 * {@link CompletableFuture} that the driver completes to resume: callers park on it (no carrier is pinned) and a
 * caller that read the gate open before the pause simply goes on, as a caller already reaping would.
 */
public final class ReapGate {
    private volatile CompletableFuture<Void> resume;

    /** Closes the gate: callers that reach it from now on wait. Idempotent. */
    public void pause() {
        if (resume == null) {
            // Volatile store: publishes the gate to callers that reach it from now on.
            resume = new CompletableFuture<>();
        }
    }

    /** Opens the gate and wakes every waiting caller. Idempotent. */
    public void resume() {
        final CompletableFuture<Void> gate = resume;
        // Volatile store: callers that read null from now on pass at once.
        resume = null;
        if (gate != null) {
            gate.complete(null);
        }
    }

    /** @return true while paused */
    public boolean paused() {
        return resume != null;
    }

    /**
     * Waits while the gate is closed.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void pass() throws InterruptedException {
        final CompletableFuture<Void> gate = resume;
        if (gate != null) {
            try {
                gate.get();
            } catch (final ExecutionException e) {
                throw new IllegalStateException("the resume signal cannot fail", e);
            }
        }
    }
}
