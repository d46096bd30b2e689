package org.capring.ring.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * {@link DrainGate}: unit behaviour, every rejection, linearizability under Lincheck (model checking and stress)
 * against the gate run sequentially (a worker that enters and exits racing a closer and observers), and a seeded
 * race of many of admissions against a close whose ledger must balance:
 * every admitted entry exits, every refusal comes after the close, and the drain ends exactly when the last one
 * leaves.
 *
 * <p>{@code -Dcapring.lincheck.long=true} runs ten times the Lincheck iterations.
 */
public class DrainGateTest {
    private static final boolean LONG = Boolean.getBoolean("capring.lincheck.long");

    // ---- Lincheck: the gate as a counter with a closed bit --------------------------------------------------

    private final DrainGate gate = new DrainGate();
    /** Entries the worker holds (admitted, not yet exited); only the worker thread touches it. */
    private int held;

    /** The worker: one thread enters and exits, racing the closer and the observers. */
    @Operation(nonParallelGroup = "worker")
    public boolean enter() {
        if (gate.tryEnter()) {
            held++;
            return true;
        }
        return false;
    }

    @Operation(nonParallelGroup = "worker")
    public boolean exitOne() {
        if (held > 0) {
            held--;
            gate.exit();
            return true;
        }
        return false;
    }

    @Operation
    public boolean close() {
        return gate.close();
    }

    @Operation
    public boolean isClosed() {
        return gate.isClosed();
    }

    @Operation
    public boolean isIdle() {
        return gate.isIdle();
    }

    private static Options<?, ?> tune(final Options<?, ?> options) {
        return options.threads(3).actorsPerThread(3).actorsBefore(2).actorsAfter(2);
    }

    @Test
    void modelChecking() {
        tune(new ModelCheckingOptions().iterations(LONG ? 100 : 10).invocationsPerIteration(LONG ? 5_000 : 500))
            .check(getClass());
    }

    @Test
    void stress() {
        tune(new StressOptions().iterations(LONG ? 200 : 20).invocationsPerIteration(LONG ? 10_000 : 1_000))
            .check(getClass());
    }

    // ---- unit behaviour --------------------------------------------------------------------------------------

    @Test
    void close_nothingInFlight_idleAtOnce() throws InterruptedException {
        final DrainGate g = new DrainGate();
        assertFalse(g.isClosed());
        assertFalse(g.isIdle());
        assertTrue(g.close());
        assertFalse(g.close(), "a second close reports the gate was closed already");
        assertTrue(g.isIdle());
        assertTrue(g.awaitIdle(System.nanoTime()), "idle without waiting, even with a deadline already passed");
        assertFalse(g.tryEnter(), "a closed gate refuses");
        assertTrue(g.isIdle(), "a refusal does not make a drained gate busy");
    }

    @Test
    void lastExit_afterClose_endsTheDrain() throws InterruptedException {
        final DrainGate g = new DrainGate();
        assertTrue(g.tryEnter());
        assertTrue(g.tryEnter());
        assertEquals(2, g.inFlight());
        g.close();
        assertFalse(g.isIdle());
        assertFalse(g.awaitIdle(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1)), "two still in flight");
        g.exit();
        assertFalse(g.isIdle());
        final Thread last = Thread.ofVirtual().start(g::exit);
        assertTrue(g.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)), "the last exit wakes the drainer");
        last.join();
        assertEquals(0, g.inFlight());
    }

    @Test
    void exit_beforeClose_reportsNotDraining_afterClose_reportsInFlightAtDrain() throws InterruptedException {
        final DrainGate g = new DrainGate();
        assertTrue(g.tryEnter());
        assertFalse(g.exit(), "work that ended before the drain began");
        assertTrue(g.tryEnter());
        assertTrue(g.tryEnter());
        assertThrows(IllegalStateException.class, g::inFlightAtClose, "an open gate has no count at close");
        assertTrue(g.close());
        assertEquals(2, g.inFlightAtClose());
        assertTrue(g.exit(), "in flight when the drain began");
        assertFalse(g.awaitIdle(System.nanoTime()), "one piece left: not idle yet");
        assertTrue(g.exit(), "in flight when the drain began; the last one out");
        assertTrue(g.isIdle());
        assertFalse(g.close(), "closed once");
        assertEquals(2, g.inFlightAtClose(), "the count at the first close stays");
    }

    @Test
    void exit_withoutEntry_refusedAndCountUnchanged() {
        final DrainGate g = new DrainGate();
        assertThrows(IllegalStateException.class, g::exit);
        assertEquals(0, g.inFlight());
        assertTrue(g.tryEnter());
        g.exit();
        g.close();
        assertThrows(IllegalStateException.class, g::exit, "also after close");
        assertTrue(g.isIdle());
    }

    @Test
    void awaitIdle_openGate_refused() {
        final DrainGate g = new DrainGate();
        assertThrows(IllegalStateException.class, () -> g.awaitIdle(System.nanoTime()));
    }

    @Test
    void awaitIdle_interrupted_throwsAndKeepsTheFlagCleared() throws InterruptedException {
        final DrainGate g = new DrainGate();
        assertTrue(g.tryEnter());
        g.close();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> g.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
        assertFalse(Thread.currentThread().isInterrupted());
        g.exit();
        assertTrue(g.awaitIdle(System.nanoTime()));
    }

    // ---- seeded race: admissions against the close ----------------------------------------------------------

    @Test
    void admissionsRacingClose_seeded_everyAdmittedExitsAndDrainEndsAtZero() throws InterruptedException {
        final long seed = Long.getLong("capring.stress.seed", System.nanoTime());
        for (int round = 0; round < 200; round++) {
            final DrainGate g = new DrainGate();
            final SplittableRandom random = new SplittableRandom(seed + round);
            final AtomicLong admitted = new AtomicLong();
            final AtomicLong exited = new AtomicLong();
            final AtomicLong exitedAfterClose = new AtomicLong();
            final AtomicLong refusedBeforeClose = new AtomicLong();
            final AtomicInteger closed = new AtomicInteger();
            final List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int spins = random.nextInt(50);
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 500; i++) {
                        final boolean wasClosed = closed.get() == 1;
                        if (g.tryEnter()) {
                            admitted.incrementAndGet();
                            for (int s = 0; s < spins; s++) {
                                Thread.onSpinWait();
                            }
                            exited.incrementAndGet();
                            if (g.exit()) {
                                exitedAfterClose.incrementAndGet();
                            }
                        } else if (!wasClosed && closed.get() == 0) {
                            refusedBeforeClose.incrementAndGet();
                        }
                    }
                }));
            }
            for (int s = random.nextInt(2_000); s > 0; s--) {
                Thread.onSpinWait();
            }
            closed.set(1);
            g.close();
            assertTrue(g.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)), "seed " + seed + ": drained");
            assertEquals(admitted.get(), exited.get(), "seed " + seed + ": the drain ended only after every admitted "
                + "entry had left");
            for (final Thread thread : threads) {
                thread.join();
            }
            assertEquals(0, refusedBeforeClose.get(), "seed " + seed + ": nothing was refused before the close");
            assertEquals(0, g.inFlight());
            assertEquals(g.inFlightAtClose(), exitedAfterClose.get(), "seed " + seed + ": every entry in flight at "
                + "the close, and only those, exited into the drain");
        }
    }
}
