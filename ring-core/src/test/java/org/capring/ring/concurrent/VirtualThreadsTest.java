package org.capring.ring.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

class VirtualThreadsTest {
    private static long in30s() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    }

    @Test
    void start_namedVirtualThreadsCountedUntilTheyEnd() throws InterruptedException {
        final AtomicInteger cleanUps = new AtomicInteger();
        final VirtualThreads threads = new VirtualThreads("owner", cleanUps::incrementAndGet);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread thread = threads.start("worker", () -> {
            try {
                release.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(thread.isVirtual());
        assertEquals("owner-worker", thread.getName());
        assertEquals(1, threads.running());
        assertEquals(1, threads.snapshot().size());
        threads.close();
        assertFalse(threads.isTerminated(), "closed, but a thread still runs");
        assertFalse(threads.awaitEnded(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1)));
        assertEquals(0, cleanUps.get());
        release.countDown();
        assertTrue(threads.awaitEnded(in30s()));
        assertTrue(threads.isTerminated());
        assertEquals(1, cleanUps.get(), "the clean-up ran once, when the last thread ended");
        assertEquals(0, threads.running());
    }

    @Test
    void start_afterClose_refusedAndNothingStarted() throws InterruptedException {
        final AtomicInteger cleanUps = new AtomicInteger();
        final VirtualThreads threads = new VirtualThreads("owner", cleanUps::incrementAndGet);
        threads.close();
        assertTrue(threads.awaitEnded(System.nanoTime()), "nothing ran: terminated at once");
        assertThrows(IllegalStateException.class, () -> threads.start("late", () -> { }));
        assertEquals(0, threads.running());
        threads.close();
        assertEquals(1, cleanUps.get(), "closing twice cleans up once");
    }

    @Test
    void awaitEnded_beforeClose_refused() {
        final VirtualThreads threads = new VirtualThreads("owner", null);
        assertThrows(IllegalStateException.class, () -> threads.awaitEnded(in30s()));
    }

    @Test
    void threadThatThrows_stillCountedOut() throws InterruptedException {
        final VirtualThreads threads = new VirtualThreads("owner", null);
        threads.start("fails", () -> {
            throw new IllegalStateException("expected in this test: logged, not rethrown");
        });
        threads.close();
        assertTrue(threads.awaitEnded(in30s()));
    }

    @Test
    void interruptAll_sparesOne() throws InterruptedException {
        final VirtualThreads threads = new VirtualThreads("owner", null);
        final AtomicInteger interrupted = new AtomicInteger();
        final CountDownLatch stop = new CountDownLatch(1);
        final Runnable sleeper = () -> {
            while (stop.getCount() > 0 && !Thread.currentThread().isInterrupted()) {
                LockSupport.park();
            }
            if (Thread.currentThread().isInterrupted()) {
                interrupted.incrementAndGet();
            }
        };
        final Thread spared = threads.start("spared", sleeper);
        threads.start("a", sleeper);
        threads.start("b", sleeper);
        threads.interruptAll(spared);
        final long giveUp = in30s();
        while (interrupted.get() < 2 && System.nanoTime() - giveUp < 0) {
            Thread.onSpinWait();
        }
        assertEquals(2, interrupted.get());
        assertTrue(spared.isAlive(), "the spared thread was not interrupted");
        stop.countDown();
        LockSupport.unpark(spared);
        threads.close();
        assertTrue(threads.awaitEnded(in30s()));
        assertEquals(2, interrupted.get());
    }
}
