package org.capring.ring.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** {@link DrainGate}: admission, refusal after close, the idle signal, and what {@link DrainGate#exit()} reports. */
class DrainGateTest {

    @Test
    void exit_beforeClose_reportsNotDraining_afterClose_reportsInFlightAtDrain() throws InterruptedException {
        final DrainGate gate = new DrainGate();
        assertTrue(gate.tryEnter());
        assertFalse(gate.exit(), "work that ended before the drain began");
        assertTrue(gate.tryEnter());
        assertTrue(gate.tryEnter());
        assertTrue(gate.close());
        assertFalse(gate.isIdle(), "two pieces still in flight");
        assertTrue(gate.exit(), "in flight when the drain began");
        assertFalse(gate.awaitIdle(System.nanoTime()), "one piece left: not idle yet");
        assertTrue(gate.exit(), "in flight when the drain began; the last one out");
        assertTrue(gate.isIdle());
        assertTrue(gate.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
    }

    @Test
    void tryEnter_afterClose_refusedAndLeavesNothingInFlight() {
        final DrainGate gate = new DrainGate();
        assertTrue(gate.close());
        assertFalse(gate.close(), "a gate closes once");
        assertFalse(gate.tryEnter());
        assertEquals(0, gate.inFlight());
        assertTrue(gate.isIdle());
    }

    @Test
    void exit_withoutEntry_refusedAndGateStaysUsable() {
        final DrainGate gate = new DrainGate();
        assertThrows(IllegalStateException.class, gate::exit);
        assertEquals(0, gate.inFlight());
        assertTrue(gate.tryEnter());
        assertFalse(gate.exit());
    }

    @Test
    void awaitIdle_openGate_refused() {
        final DrainGate gate = new DrainGate();
        assertThrows(IllegalStateException.class, () -> gate.awaitIdle(System.nanoTime()));
    }
}
