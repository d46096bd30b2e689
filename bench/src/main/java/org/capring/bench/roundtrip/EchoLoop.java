package org.capring.bench.roundtrip;

/**
 * The echo side of a round-trip benchmark: a dedicated platform thread that spins on {@link #step()} until
 * stopped. Every subject's echo is built the same way, so only the queues differ.
 */
abstract class EchoLoop implements Runnable {
    private volatile boolean running = true;
    private Thread thread;

    /** @return true if a request was answered, false if none was waiting */
    abstract boolean step();

    final void start(final String name) {
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
                Thread.onSpinWait();
            }
        }
    }
}
