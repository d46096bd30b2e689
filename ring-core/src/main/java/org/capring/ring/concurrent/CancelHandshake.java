package org.capring.ring.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Cancels one piece of work that runs on some thread — a flag it can poll, and an interrupt for when it blocks —
 * such that the interrupt never reaches whatever the thread runs after that work: a reused endpoint loop, the next
 * call through the same slot, a pooled task thread.
 *
 * {@snippet :
 * // worker                                        // canceller (any thread)
 * if (!handshake.begin()) {                        handshake.cancel();
 *     return;            // cancelled before it began
 * }
 * try {
 *     work(handshake::isCancelled);
 * } finally {
 *     handshake.end();   // no interrupt of this work survives this line
 * }
 * }
 *
 * <p><b>Protocol.</b> One word: {@code NEW → RUNNING} (the worker's {@link #begin}, a CAS that also publishes its
 * thread), {@code RUNNING → INTERRUPTING → CANCELLED} (the canceller's CAS, then its interrupt of the published
 * thread, then a volatile store), {@code RUNNING|CANCELLED → ENDED} (the worker's {@link #end}). The canceller
 * interrupts only after winning the CAS from RUNNING, so only while the work runs; the worker's end waits out an
 * interrupt in progress (a few instructions: the canceller holds no lock and does nothing else in between) and then
 * clears the thread's interrupt flag, so the interrupt is consumed before the thread moves on. A cancel before
 * {@code begin} makes begin return false; a cancel after {@code end} does nothing.
 *
 * <p><b>Threads.</b> One worker thread calls {@code begin} and {@code end}, once each; any thread may
 * {@link #cancel} any number of times. Lock-free; allocation-free.
 */
public final class CancelHandshake {
    private static final VarHandle STATE;
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int INTERRUPTING = 2;
    private static final int CANCELLED = 3;
    private static final int ENDED = 4;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CancelHandshake.class, "state", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** Set before the flag is published; read by the canceller only after it saw RUNNING. */
    private Thread worker;
    private volatile boolean cancelRequested;

    /**
     * Worker: the work begins on the current thread.
     *
     * @return false if the work was cancelled before it began (then do not run it, and do not call {@link #end})
     * @throws IllegalStateException if the work began already
     */
    public boolean begin() {
        if (cancelRequested) {
            return false;
        }
        worker = Thread.currentThread();
        // CAS: publishes the worker thread (a plain store above) to the canceller that acquires RUNNING.
        if (!STATE.compareAndSet(this, NEW, RUNNING)) {
            throw new IllegalStateException("CancelHandshake.begin twice");
        }
        // A cancel that set the flag before our CAS found NEW and did not interrupt: it wins all the same.
        return !cancelRequested || cancelAfterBegin();
    }

    private boolean cancelAfterBegin() {
        end();
        return false;
    }

    /**
     * Any thread: asks the work to stop. Sets the flag, and interrupts the worker if the work is running now.
     *
     * @return true if this call interrupted the running work
     */
    public boolean cancel() {
        // Volatile store: seen by the worker's isCancelled and by a begin that has not yet published RUNNING.
        cancelRequested = true;
        if (!STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            return false;
        }
        worker.interrupt();
        // Volatile store: tells the worker's end that the interrupt has landed.
        STATE.setVolatile(this, CANCELLED);
        return true;
    }

    /** @return true once {@link #cancel} was called (a snapshot) */
    public boolean isCancelled() {
        return cancelRequested;
    }

    /**
     * Worker: the work has ended. Waits for an interrupt in progress to land and clears the thread's interrupt flag
     * if this work was interrupted, so nothing meant for it reaches the thread's next work.
     *
     * @throws IllegalStateException if called from another thread than the one that began
     */
    public void end() {
        if (worker != Thread.currentThread()) {
            throw new IllegalStateException("CancelHandshake.end on another thread than the worker");
        }
        while (true) {
            final int s = (int) STATE.getVolatile(this);
            if (s == RUNNING && STATE.compareAndSet(this, RUNNING, ENDED)) {
                return;
            }
            if (s == CANCELLED) {
                STATE.setVolatile(this, ENDED);
                Thread.interrupted(); // the interrupt was this work's
                return;
            }
            if (s == ENDED) {
                return;
            }
            Thread.onSpinWait(); // INTERRUPTING: the canceller is inside Thread.interrupt()
        }
    }

    @Override
    public String toString() {
        return "CancelHandshake{state=" + (int) STATE.getVolatile(this) + (cancelRequested ? ", cancelled" : "") + "}";
    }
}
