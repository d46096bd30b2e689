package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link CallSlot}'s generations: a single caller reuses the same slot for every call, so a slot's generation
 * wraps within hours of load. With 24-bit generations that reached 0 after 16,777,215 calls, giving the next call
 * userData 0, which the completion matcher reserves for zeroed (aborted) CQEs: the call's completion was
 * dropped and its caller waited for good (found by the call-rate benchmark). Generations are now 32-bit and skip 0.
 */
class CallSlotTest {
    @Test
    void nextGeneration_wrapsPastMinusOneToOne_neverZero() {
        assertEquals(2, CallSlot.nextGeneration(1));
        assertEquals(0x0100_0000, CallSlot.nextGeneration(0x00FF_FFFF), "no 24-bit wrap any more");
        assertEquals(Integer.MIN_VALUE, CallSlot.nextGeneration(Integer.MAX_VALUE));
        assertEquals(1, CallSlot.nextGeneration(-1), "0 is skipped");
        assertEquals(1, CallSlot.nextGeneration(0), "the first call of a fresh slot");
    }

    @Test
    void stampAndUserData_negativeGenerations_roundTrip() {
        final CallSlot slot = new CallSlot(null, 5, null, null, null);
        for (final int generation : new int[] {1, 0x00FF_FFFF, 0x0100_0000, Integer.MAX_VALUE, Integer.MIN_VALUE, -1}) {
            final long userData = slot.userData(generation);
            assertNotEquals(0, userData, "no call's userData is 0");
            assertEquals(5, (int) userData);
            assertEquals(generation, (int) (userData >>> 32));
            final long stamp = (long) generation << 8 | CallSlot.SENT;
            assertEquals(generation, CallSlot.generationOf(stamp));
            assertEquals(CallSlot.SENT, CallSlot.stateOf(stamp));
        }
    }

    @Test
    void acquire_afterTheLargestGeneration_startsAgainAtOneAndTransitionsStillWork() throws ReflectiveOperationException {
        final CallSlot slot = new CallSlot(null, 0, null, null, null);
        final java.lang.reflect.Field stamp = CallSlot.class.getDeclaredField("stamp");
        stamp.setAccessible(true);
        stamp.setLong(slot, (long) -1 << 8 | CallSlot.FREE);
        final int generation = slot.acquire(1, 2, 3, 0);
        assertEquals(1, generation);
        assertTrue(slot.cas(generation, CallSlot.BUILDING, CallSlot.SENT));
        assertEquals(CallSlot.SENT, slot.state(generation));
        assertEquals(CallSlot.FREE, slot.state(-1), "the previous generation's handle sees nothing of the new call");
    }
}
