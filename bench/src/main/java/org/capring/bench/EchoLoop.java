package org.capring.bench;

/**
 * The echo side of a round-trip benchmark: a dedicated platform thread that spins on {@link #step()} until
 * stopped, in the benchmark's polling style. Every subject's echo is built the same way, so only the queues differ.
 */
public abstract class EchoLoop implements Runnable {
    private volatile boolean running = true;
    private Thread thread;
    /** Whether wait loops call {@link Thread#onSpinWait()}; set before the thread starts. */
    private boolean pause;

    /** @return true if a request was answered, false if none was waiting */
    protected abstract boolean step();

    /** One empty round of a wait loop on the echo thread, in the benchmark's polling style. */
    protected final void idle() {
        if (pause) {
            Thread.onSpinWait();
        }
    }

    /**
     * @param name  the echo thread's name
     * @param pause whether its wait loops call {@link Thread#onSpinWait()}
     */
    public final void start(final String name, final boolean pause) {
        this.pause = pause;
        thread = Thread.ofPlatform().name(name).daemon(true).start(this);
    }

    /** @throws InterruptedException if interrupted while joining the echo thread */
    public final void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    @Override
    public final void run() {
        while (running) {
            if (!step()) {
                idle();
            }
        }
    }
}
