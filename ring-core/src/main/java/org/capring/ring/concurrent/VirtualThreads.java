package org.capring.ring.concurrent;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one thread factory of a component: named virtual threads whose uncaught exceptions are logged through
 * {@link System.Logger}, counted from before they start until after they end, so that the owner can stop
 * starting threads, interrupt the ones that run, and wait until the last one has ended, and can run a clean-up
 * (such as releasing ring memory) exactly when that happens.
 *
 * {@snippet :
 * VirtualThreads threads = new VirtualThreads("server-7", () -> ring.close());
 * threads.start("reader", this::readLoop);
 * ...
 * threads.close();                                  // no new threads from now on
 * boolean ended = threads.awaitEnded(deadline);     // true once every thread has ended (and the clean-up ran)
 * }
 *
 * <p><b>Threads.</b> Thread-safe. A thread counts as running from {@link #start} until its body has returned or
 * thrown; the counting is a {@link DrainGate}, so "all ended" after {@link #close()} is exact, never a guess from
 * {@link Thread#isAlive()} snapshots. The clean-up runs once, on the thread that ended last (or in
 * {@code close()} if none was running).
 */
public final class VirtualThreads {
    private static final System.Logger LOG = System.getLogger(VirtualThreads.class.getName());

    private final String owner;
    private final Runnable whenAllEnded;
    private final DrainGate running = new DrainGate();
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    /** Completed once the clean-up has run (or was skipped: none given). */
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Thread.Builder.OfVirtual builder;

    /**
     * @param owner        prefix of every thread name, for logs and dumps
     * @param whenAllEnded run once when the factory is closed and its last thread has ended; may be null
     */
    public VirtualThreads(final String owner, final Runnable whenAllEnded) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.whenAllEnded = whenAllEnded;
        this.builder = Thread.ofVirtual().uncaughtExceptionHandler((thread, e) ->
            LOG.log(System.Logger.Level.ERROR, "thread " + thread.getName() + " died", e));
    }

    /**
     * Starts a named virtual thread that counts as running until its body ends.
     *
     * @param name thread name within the owner ({@code owner-name})
     * @param body what the thread runs
     * @return the started thread
     * @throws IllegalStateException if the factory is closed
     */
    public Thread start(final String name, final Runnable body) {
        Objects.requireNonNull(body, "body");
        if (!running.tryEnter()) {
            throw new IllegalStateException(owner + ": closed, no new threads");
        }
        final Thread thread;
        try {
            thread = builder.name(owner + "-" + name).unstarted(() -> {
                try {
                    body.run();
                } finally {
                    live.remove(Thread.currentThread());
                    ended();
                }
            });
            live.add(thread);
            thread.start();
        } catch (final RuntimeException | Error e) {
            running.exit();
            throw e;
        }
        return thread;
    }

    private void ended() {
        running.exit();
        checkTerminated();
    }

    /** Runs the clean-up once, by whichever thread first sees the factory closed with nothing running. */
    private void checkTerminated() {
        if (running.isIdle() && cleanedUp.compareAndSet(false, true)) {
            try {
                if (whenAllEnded != null) {
                    whenAllEnded.run();
                }
            } catch (final RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, owner + ": clean-up after the last thread failed", e);
            } finally {
                terminated.complete(null);
            }
        }
    }

    /** Refuses new threads from now on; runs the clean-up at once if no thread is running. Idempotent. */
    public void close() {
        running.close();
        checkTerminated();
    }

    /**
     * Waits until the factory is closed and every thread it started has ended (and the clean-up has run).
     *
     * @param deadlineNanos absolute deadline on the {@link System#nanoTime()} clock
     * @return true if they all ended before the deadline
     * @throws IllegalStateException if the factory is not closed
     * @throws InterruptedException  if interrupted while waiting
     */
    public boolean awaitEnded(final long deadlineNanos) throws InterruptedException {
        if (!running.isClosed()) {
            throw new IllegalStateException(owner + ": awaitEnded before close()");
        }
        final long left = deadlineNanos - System.nanoTime();
        if (terminated.isDone()) {
            return true;
        }
        if (left <= 0) {
            return false;
        }
        try {
            terminated.get(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (final TimeoutException e) {
            return false;
        } catch (final ExecutionException e) {
            throw new IllegalStateException("the termination signal cannot fail", e);
        }
    }

    /**
     * Interrupts every running thread except {@code spare}.
     *
     * @param spare a thread to leave alone (for example the one that reads a queue), or null
     */
    public void interruptAll(final Thread spare) {
        for (final Thread thread : live) {
            if (thread != spare) {
                thread.interrupt();
            }
        }
    }

    /** @return threads started and not yet ended */
    public int running() {
        return (int) running.inFlight();
    }

    /** @return the running threads (a snapshot, for diagnostics) */
    public List<Thread> snapshot() {
        return List.copyOf(live);
    }

    /** @return true once {@link #close()} was called: no new threads from now on */
    public boolean isClosed() {
        return running.isClosed();
    }

    /** @return true once closed, every thread has ended and the clean-up has run */
    public boolean isTerminated() {
        return terminated.isDone();
    }

    @Override
    public String toString() {
        return "VirtualThreads{" + owner + ", running=" + running() + "}";
    }
}
