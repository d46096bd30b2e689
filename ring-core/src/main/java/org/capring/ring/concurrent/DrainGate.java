package org.capring.ring.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Admission and drain of work in flight, counted exactly: {@link #tryEnter()} before the work starts,
 * {@link #exit()} when it ends, {@link #close()} to refuse new work, {@link #awaitIdle} to wait until the last
 * piece of admitted work has left.
 *
 * {@snippet :
 * if (!gate.tryEnter()) {
 *     return refuse(Status.SHUTTING_DOWN);      // closed: refused before anything ran
 * }
 * try {
 *     serve();
 * } finally {
 *     gate.exit();                               // the last one out after close() wakes the drainer
 * }
 * // drainer:
 * gate.close();
 * boolean drained = gate.awaitIdle(deadlineNanos);
 * }
 *
 * <p><b>Protocol.</b> One word holds the count and the closed bit ({@code inFlight << 1 | closed}).
 * {@code tryEnter} checks the bit and counts the entry in one compare-and-set of that word, so no work slips
 * between a check and an increment (the hazard Jetty's {@code GracefulHandler} avoids by incrementing first):
 * either the entry is counted before the close, and the closer's drain waits for it, or the close came first and
 * the entry is refused without ever touching the count. The exit that brings a closed gate to zero completes
 * the idle signal; there are no sleeps and no polling: a drain ends the moment in-flight reaches zero. This is
 * the shape of HdrHistogram's {@code WriterReaderPhaser}: writers pay one atomic operation on the way in and one
 * on the way out; the one reader (the drainer) flips a bit and waits for the writers that were in. Because a
 * refusal never changes the word, {@link #inFlight()} and {@link #isIdle()} are exact at every instant.
 *
 * <p><b>Threads.</b> Any thread may enter, exit, close and wait. Each successful {@code tryEnter} must be
 * matched by exactly one {@code exit}; an {@code exit} without an entry is refused with an exception. A gate
 * closes once and never reopens (make a new gate for new work). Lock-free on enter and exit, allocation-free
 * except for the one idle signal made when the gate closes. Linearizable (checked by Lincheck).
 */
public final class DrainGate {
    private static final VarHandle STATE;
    private static final VarHandle IDLE;
    private static final long CLOSED = 1;
    private static final long ONE = 2;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(DrainGate.class, "state", long.class);
            IDLE = lookup.findVarHandle(DrainGate.class, "idle", CompletableFuture.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile long state;
    /** Work in flight at the instant the gate closed; written by the closer right after it set the bit, -1 before. */
    private volatile long atClose = -1;
    /** Completed when the gate is closed and nothing is in flight; made by the first close. */
    @SuppressWarnings("unused") // accessed through IDLE
    private volatile CompletableFuture<Void> idle;

    /**
     * Admits one piece of work, unless the gate is closed.
     *
     * @return true if admitted (then call {@link #exit()} exactly once); false if closed (nothing to undo)
     */
    public boolean tryEnter() {
        while (true) {
            final long now = (long) STATE.getVolatile(this);
            if ((now & CLOSED) != 0) {
                return false;
            }
            // CAS: counts this entry only if the gate is still open in the very word that counts it.
            if (STATE.compareAndSet(this, now, now + ONE)) {
                return true;
            }
        }
    }

    /**
     * Ends one piece of admitted work; the last one out of a closed gate signals {@link #awaitIdle}.
     *
     * @return true if the gate was closed when this work ended, i.e. the work was in flight when the drain began:
     *     exact, because the answer comes from the same atomic add that ends the work (a drain can count how its
     *     in-flight work ended from these answers, with no window between a check and the exit)
     * @throws IllegalStateException if nothing was in flight (an exit without its entry)
     */
    public boolean exit() {
        // Atomic add: releases this entry's work to the drainer that acquires the count.
        final long after = (long) STATE.getAndAdd(this, -ONE) - ONE;
        if (after < 0) {
            STATE.getAndAdd(this, ONE);
            throw new IllegalStateException("DrainGate.exit without a matching tryEnter");
        }
        if (after == CLOSED) {
            signalIdle();
        }
        return (after & CLOSED) != 0;
    }

    /**
     * Refuses new work from now on; work already admitted goes on.
     *
     * @return true if this call closed the gate, false if it was closed already
     */
    public boolean close() {
        CompletableFuture<Void> signal = idle;
        if (signal == null) {
            // CAS: one idle signal for every closer and waiter; published before the closed bit.
            IDLE.compareAndSet(this, null, new CompletableFuture<Void>());
            signal = idle;
        }
        // Atomic or: sets the bit; the count it returns tells whether anything is still in flight.
        final long before = (long) STATE.getAndBitwiseOr(this, CLOSED);
        if ((before & CLOSED) != 0) {
            return false;
        }
        atClose = before >>> 1;
        if (before == 0) {
            signal.complete(null);
        }
        return true;
    }

    private void signalIdle() {
        final CompletableFuture<Void> signal = idle;
        if (signal != null) {
            signal.complete(null);
        }
    }

    /**
     * Waits until the gate is closed and nothing is in flight, or the deadline passes.
     *
     * @param deadlineNanos absolute deadline on the {@link System#nanoTime()} clock
     * @return true if idle (closed, nothing in flight); false if the deadline passed first
     * @throws IllegalStateException if the gate is not closed (it could never become idle for good)
     * @throws InterruptedException  if interrupted while waiting
     */
    public boolean awaitIdle(final long deadlineNanos) throws InterruptedException {
        final CompletableFuture<Void> signal = idle;
        if (signal == null || !isClosed()) {
            throw new IllegalStateException("awaitIdle on an open gate: close() it first");
        }
        final long left = deadlineNanos - System.nanoTime();
        if (signal.isDone()) {
            return true;
        }
        if (left <= 0) {
            return false;
        }
        try {
            signal.get(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (final TimeoutException e) {
            return false;
        } catch (final ExecutionException e) {
            throw new IllegalStateException("the idle signal cannot fail", e);
        }
    }

    /** @return true once the gate is closed and the last admitted piece of work has left (it stays true) */
    public boolean isIdle() {
        return (long) STATE.getVolatile(this) == CLOSED;
    }

    /** @return true once {@link #close()} has been called */
    public boolean isClosed() {
        return ((long) STATE.getVolatile(this) & CLOSED) != 0;
    }

    /**
     * The count a drain reports against: each piece of work in flight when the gate closed ends with an
     * {@link #exit()} that answers true, so exits counted from those answers plus work still in flight add up to it
     * at every instant, with no window between the close and a later snapshot.
     *
     * @return work in flight at the instant the gate closed
     * @throws IllegalStateException if the gate is open
     */
    public long inFlightAtClose() {
        long n;
        while ((n = atClose) < 0) {
            if (!isClosed()) {
                throw new IllegalStateException("DrainGate.inFlightAtClose of an open gate");
            }
            Thread.onSpinWait(); // closed an instant ago: the closer writes the count next
        }
        return n;
    }

    /** @return work admitted and not yet exited (a snapshot) */
    public long inFlight() {
        return (long) STATE.getVolatile(this) >>> 1;
    }

    @Override
    public String toString() {
        return "DrainGate{inFlight=" + inFlight() + (isClosed() ? ", closed" : "") + "}";
    }
}
