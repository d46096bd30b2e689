package org.capring.bench.roundtrip;

/**
 * The echo side of a round-trip benchmark: a dedicated platform thread that spins on {@link #step()} until
 * stopped, in the benchmark's polling style. Every subject's echo is built the same way, so only the queues differ.
 */
abstract class EchoLoop implements Runnable {
    private volatile boolean running = true;
    private Thread thread;
    /** Whether wait loops call {@link Thread#onSpinWait()}; set before the thread starts. */
    private boolean pause;

    /** @return true if a request was answered, false if none was waiting */
    abstract boolean step();

    /** One empty round of a wait loop on the echo thread, in the benchmark's polling style. */
    final void idle() {
        if (pause) {
            Thread.onSpinWait();
        }
    }

    final void start(final String name, final boolean pause) {
        this.pause = pause;
        thread = Thread.ofPlatform().name(name).daemon(true).start(this);
    }

    final void stop() throws InterruptedException {
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
