package org.capring.pool.net;

import java.io.IOException;
import java.io.InterruptedIOException;

/** Joins the threads the test servers start, as their {@code close()} does. */
final class TestThreads {
    private TestThreads() {
    }

    /**
     * @param thread a thread that is ending
     * @throws InterruptedIOException if interrupted while waiting (the interrupt flag is restored)
     */
    static void join(final Thread thread) throws IOException {
        try {
            thread.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing");
        }
    }
}
