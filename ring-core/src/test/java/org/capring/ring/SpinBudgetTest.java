package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link SpinBudget}: one spinner fewer than cores (none on one), and every permit comes back. */
@Isolated("takes every permit of the JVM")
class SpinBudgetTest {

    @Test
    void permits_oneFewerThanProcessorsOrCarriers() {
        assertEquals(SpinBudget.permits(Runtime.getRuntime().availableProcessors(),
            System.getProperty("jdk.virtualThreadScheduler.parallelism"),
            System.getProperty(SpinBudget.PERMITS_PROPERTY)), SpinBudget.permits());
        assertEquals(1, SpinBudget.permits(2, null));
        assertEquals(7, SpinBudget.permits(8, null));
        assertEquals(0, SpinBudget.permits(1, null), "one processor: never spin");
        assertEquals(0, SpinBudget.permits(2, "1"), "one carrier: a spinning virtual thread blocks every other");
        assertEquals(2, SpinBudget.permits(8, " 3 "));
        assertEquals(3, SpinBudget.permits(4, "16"), "more carriers than processors: processors bound it");
        assertEquals(0, SpinBudget.permits(4, "0"));
        assertEquals(3, SpinBudget.permits(4, "many"), "not a number: the default carriers");
    }

    @Test
    void permitsProperty_setsThePermitsOutright_andMalformedValuesAreRefused() {
        assertEquals(1, SpinBudget.permits(8, null, "1"));
        assertEquals(0, SpinBudget.permits(8, "4", " 0 "));
        assertEquals(3, SpinBudget.permits(8, "4", null), "unset: the formula");
        for (final String bad : new String[] {"-1", "two", ""}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpinBudget.permits(8, null, bad));
            assertTrue(e.getMessage().contains(SpinBudget.PERMITS_PROPERTY), e::getMessage);
        }
    }

    @Test
    void tryAcquire_grantsExactlyThePermits_andReleaseGivesThemBack() {
        int taken = 0;
        while (taken <= SpinBudget.permits() && SpinBudget.tryAcquire()) {
            taken++;
        }
        try {
            assertEquals(SpinBudget.permits(), taken, "every permit and no more");
            assertFalse(SpinBudget.tryAcquire(), "none left");
        } finally {
            for (int i = 0; i < taken; i++) {
                SpinBudget.release();
            }
        }
        if (SpinBudget.permits() > 0) {
            assertTrue(SpinBudget.tryAcquire(), "released permits are available again");
            SpinBudget.release();
        }
    }

    @Test
    void concurrentSpinners_neverExceedThePermits() throws Exception {
        final AtomicInteger spinning = new AtomicInteger();
        final AtomicInteger highest = new AtomicInteger();
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (final InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    if (SpinBudget.tryAcquire()) {
                        highest.accumulateAndGet(spinning.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        spinning.decrementAndGet();
                        SpinBudget.release();
                    }
                }
            }));
        }
        start.countDown();
        for (final Thread t : threads) {
            t.join();
        }
        assertTrue(highest.get() <= SpinBudget.permits(), "at most " + SpinBudget.permits() + ", saw " + highest);
        int back = 0;
        while (back <= SpinBudget.permits() && SpinBudget.tryAcquire()) {
            back++;
        }
        for (int i = 0; i < back; i++) {
            SpinBudget.release();
        }
        assertEquals(SpinBudget.permits(), back, "every permit returned");
    }

    @Test
    void spinWait_spinsItsRoundsThenGivesThePermitBack() {
        final SpinWait spin = new SpinWait(5);
        int spun = 0;
        while (spin.spin()) {
            spun++;
        }
        assertEquals(SpinBudget.permits() > 0 ? 5 : 0, spun, "the rounds, or none without a spare processor");
        assertEquals(SpinBudget.permits() > 0, spin.spin(), "starts over after it told the caller to park");
        spin.reset();
        int back = 0;
        while (back <= SpinBudget.permits() && SpinBudget.tryAcquire()) {
            back++;
        }
        for (int i = 0; i < back; i++) {
            SpinBudget.release();
        }
        assertEquals(SpinBudget.permits(), back, "no permit kept after reset");
        assertThrows(IllegalArgumentException.class, () -> new SpinWait(-1));
        assertFalse(new SpinWait(0).spin(), "0 rounds: park at once");
    }
}
