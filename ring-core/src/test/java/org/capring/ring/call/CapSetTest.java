package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Unit tests of {@link CapSet}: every rejection path returns its documented answer and leaves the set usable.
 * Handles pack the entry index (low 16 bits) and a generation that is never 0 (high 16 bits).
 */
class CapSetTest {
    private static final Capability A = capability("a");
    private static final Capability B = capability("b");

    private static Capability capability(final String name) {
        return new Capability(name, 0x1234L, 1, call -> { });
    }

    private static int index(final int handle) {
        return handle & 0xFFFF;
    }

    private static int generation(final int handle) {
        return handle >>> 16;
    }

    @Test
    void constructor_capacityOutOfBounds_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new CapSet(0));
        assertThrows(IllegalArgumentException.class, () -> new CapSet(-1));
        assertThrows(IllegalArgumentException.class, () -> new CapSet(CapSet.MAX_ENTRIES + 1));
        assertEquals(1, new CapSet(1).capacity());
        assertEquals(CapSet.MAX_ENTRIES, new CapSet(CapSet.MAX_ENTRIES).capacity());
    }

    @Test
    void grant_null_rejected() {
        final CapSet caps = new CapSet(2);
        assertThrows(NullPointerException.class, () -> caps.grant(null));
        assertEquals(0, caps.size());
    }

    @Test
    void grant_resolve_returnsTheSameObject() {
        final CapSet caps = new CapSet(4);
        final int a = caps.grant(A);
        final int b = caps.grant(B);
        assertNotEquals(a, b);
        assertSame(A, caps.resolve(a));
        assertSame(B, caps.resolve(b));
        assertEquals(2, caps.size());
        assertNotEquals(0, generation(a), "generation 0 is never issued");
    }

    @Test
    void grant_sameCapabilityTwice_twoIndependentEntries() {
        final CapSet caps = new CapSet(4);
        final int first = caps.grant(A);
        final int second = caps.grant(A);
        assertNotEquals(first, second);
        assertTrue(caps.revoke(first));
        assertSame(A, caps.resolve(second), "revoking one entry leaves the other");
    }

    @Test
    void grant_full_illegalStateAndStillUsable() {
        final CapSet caps = new CapSet(3);
        final int[] handles = {caps.grant(A), caps.grant(B), caps.grant(A)};
        assertThrows(IllegalStateException.class, () -> caps.grant(B));
        assertThrows(IllegalStateException.class, () -> caps.grant(B), "still full, still refused");
        assertEquals(3, caps.size());
        for (final int h : handles) {
            assertTrue(caps.resolve(h) != null, "a refused grant disturbs no entry");
        }
        assertTrue(caps.revoke(handles[1]));
        final int reused = caps.grant(B);
        assertEquals(index(handles[1]), index(reused), "the freed entry is reused");
        assertNotEquals(handles[1], reused, "with a new generation");
        assertNull(caps.resolve(handles[1]));
        assertSame(B, caps.resolve(reused));
        assertThrows(IllegalStateException.class, () -> caps.grant(A));
    }

    @Test
    void resolve_forgedHandles_null() {
        final CapSet caps = new CapSet(4);
        final int a = caps.grant(A);
        assertNull(caps.resolve(a & 0xFFFF), "generation 0");
        assertNull(caps.resolve(a ^ 0x0001_0000), "wrong generation");
        assertNull(caps.resolve(a | 0x8000_0000), "generation with the sign bit");
        assertNull(caps.resolve(generation(a) << 16 | 1), "entry never granted");
        assertNull(caps.resolve(generation(a) << 16 | 4), "index equal to capacity");
        assertNull(caps.resolve(generation(a) << 16 | 0xFFFF), "index far beyond capacity");
        assertNull(caps.resolve(-1));
        assertNull(caps.resolve(0));
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            final int h = random.nextInt();
            if (h != a) {
                assertNull(caps.resolve(h), () -> "random handle 0x" + Integer.toHexString(h));
            }
        }
        assertSame(A, caps.resolve(a), "probing changes nothing");
    }

    @Test
    void revoke_forgedOrBeyondCapacity_falseAndNothingChanges() {
        final CapSet caps = new CapSet(4);
        final int a = caps.grant(A);
        assertFalse(caps.revoke(a ^ 0x0001_0000), "wrong generation");
        assertFalse(caps.revoke(a & 0xFFFF), "generation 0");
        assertFalse(caps.revoke(generation(a) << 16 | 4), "index equal to capacity");
        assertFalse(caps.revoke(generation(a) << 16 | 0xFFFF), "index far beyond capacity");
        assertFalse(caps.revoke(generation(a) << 16 | 2), "entry never granted");
        assertEquals(1, caps.size());
        assertSame(A, caps.resolve(a));
    }

    @Test
    void revoke_twice_secondFalseAndSizeUnchanged() {
        final CapSet caps = new CapSet(4);
        final int a = caps.grant(A);
        final int b = caps.grant(B);
        assertTrue(caps.revoke(a));
        assertFalse(caps.revoke(a));
        assertEquals(1, caps.size());
        assertNull(caps.resolve(a));
        assertSame(B, caps.resolve(b));
        // The stale handle stays dead after its entry is reused, and cannot revoke the new occupant.
        final int c = caps.grant(A);
        assertEquals(index(a), index(c));
        assertNull(caps.resolve(a));
        assertFalse(caps.revoke(a));
        assertSame(A, caps.resolve(c));
        assertEquals(2, caps.size());
    }

    @Test
    void generation_wrapsAfter0xFFFF_skipsZero() {
        final CapSet caps = new CapSet(1);
        int handle = caps.grant(A);
        final int first = handle;
        int cycles = 0;
        while (generation(handle) != 0xFFFF) {
            assertTrue(caps.revoke(handle));
            handle = caps.grant(A);
            assertNotEquals(0, generation(handle));
            cycles++;
        }
        assertTrue(handle < 0, "a generation with the top bit set makes a negative int handle");
        assertSame(A, caps.resolve(handle), "the highest generation resolves");
        assertTrue(caps.revoke(handle));
        final int wrapped = caps.grant(B);
        assertNotEquals(0, generation(wrapped), "the generation wraps past 0");
        assertEquals(0, index(wrapped));
        assertNull(caps.resolve(handle));
        assertSame(B, caps.resolve(wrapped));
        assertNull(caps.resolve(wrapped & 0xFFFF), "generation 0 never resolves");
        // The documented aliasing bound: a handle can only name a new occupant after 65,535 reuses of its entry.
        handle = wrapped;
        final Set<Integer> seen = new HashSet<>();
        seen.add(first);
        for (int reuse = cycles + 1; reuse < 0xFFFF; reuse++) {
            assertTrue(seen.add(handle), () -> "handle 0x" + Integer.toHexString(first) + " reissued early");
            assertTrue(caps.revoke(handle));
            handle = caps.grant(A);
        }
        assertEquals(first, handle, "after 65,535 reuses the first handle's name comes back");
    }

    @Test
    void capacityOne_grantRevokeCycles_sizeTracksLiveEntries() {
        final CapSet caps = new CapSet(1);
        for (int i = 0; i < 1000; i++) {
            final int h = caps.grant(A);
            assertEquals(1, caps.size());
            assertThrows(IllegalStateException.class, () -> caps.grant(B));
            assertTrue(caps.revoke(h));
            assertEquals(0, caps.size());
        }
    }

    @Test
    void maxCapacity_lastIndexUsable() {
        final CapSet caps = new CapSet(CapSet.MAX_ENTRIES);
        int last = 0;
        for (int i = 0; i < CapSet.MAX_ENTRIES; i++) {
            last = caps.grant(A);
        }
        assertEquals(0xFFFF, index(last));
        assertSame(A, caps.resolve(last));
        assertThrows(IllegalStateException.class, () -> caps.grant(A));
        assertTrue(caps.revoke(last));
        assertEquals(CapSet.MAX_ENTRIES - 1, caps.size());
    }
}
