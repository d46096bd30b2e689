package org.capring.ring.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The park/flag/unpark handshake between one waiting thread and any number of signalling threads: a sleeper
 * that must not miss the event it sleeps for, without a lock and without a wake-up per event.
 *
 * {@snippet :
 * // waiter                                   // signaller
 * while (!ready()) {                          publish();          // make ready() true
 *     bell.arm();                             bell.ring();        // full fence, then wake the waiter if armed
 *     try {
 *         if (!ready()) {
 *             bell.park(0);
 *         }
 *     } finally {
 *         bell.disarm();
 *     }
 * }
 * }
 *
 * <p><b>Protocol.</b> The doorbell holds the armed waiter's thread in one volatile word. The waiter stores its
 * thread there ({@link #arm()}, a volatile store) and only then re-checks its condition; a signaller makes the
 * condition true, issues a full fence and reads the word ({@link #ring()}). By sequential consistency of the two
 * volatile accesses either the waiter's re-check sees the event or the signaller sees the armed waiter, so a
 * wake-up cannot be lost. The signaller takes the waiter out of the word with a CAS from that very thread to
 * {@code null}, so of many signallers exactly one unparks it, and never a thread that armed earlier and has
 * moved on (the waiter and the flag are one word: there is no window in which a signaller reads one waiter and
 * clears the flag of another).
 *
 * <p><b>Threads.</b> At most one thread waits on a doorbell at a time (the caller guarantees it: an endpoint
 * loop, a queue's one consumer, the holder of a role); any thread may ring. A waiter may wake without a ring
 * (park returns spuriously, on interrupt or on timeout) and must re-check its condition; a ring may leave a
 * permit with a thread that has already moved on, which only makes its next park return early. Lock-free,
 * allocation-free.
 */
public final class Doorbell {
    private static final VarHandle WAITER;

    static {
        try {
            WAITER = MethodHandles.lookup().findVarHandle(Doorbell.class, "waiter", Thread.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through WAITER
    private volatile Thread waiter;

    /**
     * Announces that the current thread is about to park. Call it before the final re-check of the condition
     * the thread waits for, then {@link #park(long)} only if that re-check fails, then {@link #disarm()}.
     */
    public void arm() {
        // Volatile store (a full fence): signallers that publish after this see the waiter; the re-check that
        // follows sees whatever was published before it.
        WAITER.setVolatile(this, Thread.currentThread());
    }

    /**
     * Parks the current (armed) thread until rung, interrupted, timed out or woken spuriously.
     *
     * @param maxNanos longest sleep; 0 or less sleeps until woken
     */
    public void park(final long maxNanos) {
        if (maxNanos > 0) {
            LockSupport.parkNanos(this, maxNanos);
        } else {
            LockSupport.park(this);
        }
    }

    /** Withdraws the current thread's announcement (a no-op if a signaller already took it). */
    public void disarm() {
        // CAS: only our own announcement is withdrawn; a signaller may have taken it already.
        WAITER.compareAndSet(this, Thread.currentThread(), null);
    }

    /**
     * Wakes the armed waiter, if any. Call it after publishing what the waiter waits for; it issues the full
     * fence that orders that publication before the read of the waiter.
     *
     * @return true if this call woke a waiter
     */
    public boolean ring() {
        // Orders the caller's publication before the read of the waiter; pairs with the volatile store in arm().
        VarHandle.fullFence();
        return ringFenced();
    }

    /**
     * {@link #ring()} for a signaller that has already issued a full fence (or a CAS, or a volatile store)
     * after its publication, and before this call.
     *
     * @return true if this call woke a waiter
     */
    public boolean ringFenced() {
        final Thread armed = (Thread) WAITER.getVolatile(this);
        // CAS: of several signallers exactly one takes (and unparks) the thread that armed.
        if (armed != null && WAITER.compareAndSet(this, armed, null)) {
            LockSupport.unpark(armed);
            return true;
        }
        return false;
    }

    /** @return true if a waiter is armed (a snapshot, for diagnostics) */
    public boolean isArmed() {
        return WAITER.getVolatile(this) != null;
    }
}
