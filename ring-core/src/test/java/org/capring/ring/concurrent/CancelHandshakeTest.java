package org.capring.ring.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

/**
 * {@link CancelHandshake}: a cancel interrupts only running work, and no interrupt survives the work's end, even when
 * cancels race the worker moving from one piece of work to the next on the same thread.
 */
class CancelHandshakeTest {

    @Test
    void cancel_beforeBegin_beginRefuses() {
        final CancelHandshake work = new CancelHandshake();
        assertFalse(work.cancel(), "nothing running: nobody interrupted");
        assertFalse(work.begin(), "cancelled before it began: do not run");
        assertTrue(work.isCancelled());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void cancel_whileRunning_interruptsAndEndClearsIt() throws InterruptedException {
        final CancelHandshake work = new CancelHandshake();
        final AtomicReference<Boolean> interruptedInside = new AtomicReference<>();
        final AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        final Thread worker = Thread.ofVirtual().start(() -> {
            assertTrue(work.begin());
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(this);
            }
            interruptedInside.set(true);
            work.end();
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        while (worker.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        assertTrue(work.cancel(), "running: interrupted");
        worker.join();
        assertTrue(interruptedInside.get());
        assertFalse(interruptedAfter.get(), "the interrupt ended with the work");
        assertFalse(work.cancel(), "ended: a late cancel interrupts nothing");
    }

    @Test
    void end_onAnotherThread_refused() throws InterruptedException {
        final CancelHandshake work = new CancelHandshake();
        assertTrue(work.begin());
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread other = Thread.ofVirtual().start(() -> {
            try {
                work.end();
            } catch (final IllegalStateException e) {
                failure.set(e);
            }
        });
        other.join();
        assertTrue(failure.get() instanceof IllegalStateException);
        work.end();
        assertThrows(IllegalStateException.class, work::begin, "a handshake begins once");
    }

    /**
     * One worker runs piece after piece on one thread; a canceller cancels whatever piece it last saw, at random
     * moments, so cancels land before, during and after pieces. After each piece's end the thread must not be
     * interrupted, and every piece that ran was interrupted at most while it ran.
     */
    @Test
    void cancel_racingWorkerMovingOn_interruptNeverReachesTheNextPiece() throws InterruptedException {
        final int pieces = 20_000;
        final AtomicReference<CancelHandshake> current = new AtomicReference<>();
        final AtomicLong leaked = new AtomicLong();
        final AtomicLong interruptedPieces = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final Thread worker = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < pieces; i++) {
                final CancelHandshake work = new CancelHandshake();
                current.set(work);
                if (!work.begin()) {
                    refused.incrementAndGet();
                } else {
                    for (int spin = 0; spin < (i & 63); spin++) {
                        Thread.onSpinWait();
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        interruptedPieces.incrementAndGet();
                    }
                    work.end();
                }
                if (Thread.currentThread().isInterrupted()) {
                    leaked.incrementAndGet();
                    Thread.interrupted();
                }
            }
        });
        final SplittableRandom random = new SplittableRandom(42);
        long cancels = 0;
        while (worker.isAlive()) {
            final CancelHandshake work = current.get();
            if (work != null && random.nextInt(4) == 0) {
                work.cancel();
                cancels++;
            }
            Thread.onSpinWait();
        }
        worker.join();
        assertEquals(0, leaked.get(), "no interrupt outlived its piece of work");
        assertTrue(cancels > 0, "the canceller ran");
        assertTrue(interruptedPieces.get() + refused.get() <= pieces);
    }
}
