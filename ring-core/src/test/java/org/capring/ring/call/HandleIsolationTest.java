package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.capring.ring.Sqe;
import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.Test;

/**
 * Stale, forged and revoked handles, on the wire and through the client, and the isolation between clients: a
 * handle is only a name in the caller's own {@link CapSet}, so a client can reach nothing but what was granted
 * to it, whatever number it puts in an SQE.
 */
class HandleIsolationTest {
    private static final int SLOTS = 4;

    private long userData;

    private RawRing.Completion echo(final RawRing raw, final int handle) {
        final Probe.EchoParams.Builder params = raw.initParams(0, Probe.EchoParams.factory);
        params.setValue(5);
        return raw.call(0, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, raw.writeParams(), ++userData);
    }

    private static void assertInvalidHandle(final RawRing.Completion c) {
        assertEquals(Status.name(Status.INVALID_HANDLE), Status.name(c.status), c::toString);
        assertFalse(c.dispatched(), "refused before dispatch");
    }

    private static void assertOk(final RawRing.Completion c) {
        assertEquals(Status.name(Status.OK), Status.name(c.status), c::toString);
        assertTrue(c.dispatched());
    }

    @Test
    void staleHandle_revokedThenEntryReused_refusedWhileNewHandleServed() {
        final CapSet caps = new CapSet(4);
        final ProbeCapability a = new ProbeCapability("a");
        final ProbeCapability b = new ProbeCapability("b");
        final int handleA = caps.grant(a.capability);
        try (RawRing raw = new RawRing(ServerConfig.defaults(), caps, SLOTS, 256, 256)) {
            assertOk(echo(raw, handleA));
            assertTrue(caps.revoke(handleA));
            assertInvalidHandle(echo(raw, handleA));
            final int handleB = caps.grant(b.capability);
            assertEquals(handleA & 0xFFFF, handleB & 0xFFFF, "same entry reused");
            assertInvalidHandle(echo(raw, handleA));
            assertOk(echo(raw, handleB));
            assertEquals(1, a.calls.get(), "the revoked capability got nothing after revocation");
            assertEquals(1, b.calls.get());
        }
    }

    @Test
    void forgedHandles_everyIndexAndGenerationNearTheLiveOnes_onlyLiveEntriesServed() {
        final CapSet caps = new CapSet(4);
        final ProbeCapability a = new ProbeCapability("a");
        final ProbeCapability b = new ProbeCapability("b");
        caps.grant(a.capability);
        caps.revoke(caps.grant(a.capability));
        caps.grant(b.capability);
        try (RawRing raw = new RawRing(ServerConfig.defaults(), caps, SLOTS, 256, 256)) {
            int served = 0;
            final int[] generations = new int[68];
            for (int g = 0; g < 64; g++) {
                generations[g] = g;
            }
            generations[64] = 0x7FFF;
            generations[65] = 0x8000;
            generations[66] = 0xFFFE;
            generations[67] = 0xFFFF;
            for (int index = 0; index < 6; index++) {
                for (final int generation : generations) {
                    final int handle = generation << 16 | index;
                    final RawRing.Completion c = echo(raw, handle);
                    if (caps.resolve(handle) != null) {
                        assertOk(c);
                        served++;
                    } else {
                        assertInvalidHandle(c);
                    }
                }
            }
            assertEquals(2, served, "exactly the two live entries, each under its one current handle");
            assertEquals(1, a.calls.get());
            assertEquals(1, b.calls.get());
        }
    }

    @Test
    void release_liveOnceThenRefused_forgedRefused_callsAfterReleaseRefused() {
        final CapSet caps = new CapSet(4);
        final ProbeCapability a = new ProbeCapability("a");
        final ProbeCapability keep = new ProbeCapability("keep");
        final int handleA = caps.grant(a.capability);
        final int handleKeep = caps.grant(keep.capability);
        try (RawRing raw = new RawRing(ServerConfig.defaults(), caps, SLOTS, 256, 256)) {
            raw.submit(Sqe.OP_RELEASE, 0, 0, handleA, 0, 0, 0, 1001);
            assertOk(echo(raw, handleKeep));
            assertNull(caps.resolve(handleA), "a valid RELEASE revokes, and gets no answer: the next CQE was the echo's");

            raw.submit(Sqe.OP_RELEASE, 0, 0, handleA, 0, 0, 0, 1002);
            RawRing.Completion c = raw.next();
            assertEquals(1002, c.userData);
            assertInvalidHandle(c);

            raw.submit(Sqe.OP_RELEASE, 0, 0, 0x0001_0000 | 999, 0, 0, 0, 1003);
            c = raw.next();
            assertEquals(1003, c.userData);
            assertInvalidHandle(c);

            raw.submit(Sqe.OP_RELEASE, 1, 0, handleKeep, 0, 0, 0, 1004);
            c = raw.next();
            assertEquals(1004, c.userData);
            assertEquals(Status.name(Status.BAD_SQE), Status.name(c.status), "a RELEASE with flags is malformed");
            assertSame(keep.capability, caps.resolve(handleKeep), "and revokes nothing");

            assertInvalidHandle(echo(raw, handleA));
            assertEquals(1, caps.size());
            assertEquals(0, a.calls.get());
        }
    }

    @Test
    void client_staleAndReleasedHandles_typedInvalidHandleRetrySafe() {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS)) {
            final ProbeCapability other = new ProbeCapability("other");
            final int handle = f.caps.grant(other.capability);
            assertEquals(1L, RingCallTest.echo(f.client, handle, 1, "live"));
            f.client.capRef(handle).close();
            f.client.flushReleases();
            final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (f.caps.resolve(handle) != null && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            for (final int h : new int[] {handle, handle ^ 0x0001_0000, handle & 0xFFFF, 0xFFFF_FFFF}) {
                try (Call call = f.client.newCall(h, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                    final TransportException e = assertThrows(TransportException.InvalidHandle.class, call::invoke);
                    assertFalse(e.dispatched());
                    assertTrue(e.retrySafe(), "refused before dispatch: safe to retry");
                }
            }
            assertEquals(1, other.calls.get());
        }
    }

    /**
     * Two clients, two rings, two servers, two CapSets. A handle means an entry of the caller's own CapSet: the
     * other client's handles either name nothing here or, where the numbers coincide, this client's own entry.
     */
    @Test
    void otherClientsHandles_onThisRing_neverReachTheOtherClientsCapabilities() {
        try (CallFixture alice = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS);
             CallFixture bob = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.REAPER_THREAD)) {
            final ProbeCapability[] aliceOnly = new ProbeCapability[3];
            final int[] aliceHandles = new int[aliceOnly.length + 2];
            for (int i = 0; i < aliceOnly.length; i++) {
                aliceOnly[i] = new ProbeCapability("alice" + i);
                aliceHandles[i] = alice.caps.grant(aliceOnly[i].capability);
            }
            try (Call open = alice.client.newCall(alice.probeHandle, Probe.TYPE_ID, Probe.METHOD_OPEN)) {
                open.initParams(Probe.OpenParams.factory).setName("adopted-by-alice");
                open.invoke();
                aliceHandles[aliceOnly.length] = open.result(Probe.OpenResults.factory).getHandle();
            }
            aliceHandles[aliceOnly.length + 1] = alice.probeHandle;
            for (int i = 0; i < aliceHandles.length; i++) {
                assertEquals(7L, RingCallTest.echo(alice.client, aliceHandles[i], 7, "alice's own"));
            }
            final long aliceProbeCalls = alice.probe.calls.get();
            final long[] aliceOnlyCalls = new long[aliceOnly.length];
            for (int i = 0; i < aliceOnly.length; i++) {
                aliceOnlyCalls[i] = aliceOnly[i].calls.get();
            }

            // Bob uses every one of Alice's handles.
            for (final int h : aliceHandles) {
                final long bobCallsBefore = bob.probe.calls.get();
                try (Call call = bob.client.newCall(h, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                    call.initParams(Probe.EchoParams.factory).setValue(9);
                    if (bob.caps.resolve(h) == null) {
                        assertThrows(TransportException.InvalidHandle.class, call::invoke);
                    } else {
                        call.invoke();
                        assertSame(bob.probe.capability, bob.caps.resolve(h), "a coinciding number names Bob's own entry");
                        assertEquals(bobCallsBefore + 1, bob.probe.calls.get());
                    }
                }
            }
            assertNotEquals(null, bob.caps.resolve(alice.probeHandle), "the fixtures' first handles coincide");

            // Bob sweeps handles near every entry either side has: only Bob's own capabilities answer.
            for (int index = 0; index < 8; index++) {
                for (int generation = 0; generation < 8; generation++) {
                    final int h = generation << 16 | index;
                    try (Call call = bob.client.newCall(h, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                        if (bob.caps.resolve(h) == null) {
                            assertThrows(TransportException.InvalidHandle.class, call::invoke);
                        } else {
                            call.invoke();
                        }
                    }
                }
            }
            assertEquals(aliceProbeCalls, alice.probe.calls.get(), "Alice's probe never reached through Bob's ring");
            for (int i = 0; i < aliceOnly.length; i++) {
                assertEquals(aliceOnlyCalls[i], aliceOnly[i].calls.get(), "Alice's capability never reached by Bob");
            }

            // Exhaustively, for every generation of every index Alice uses: Bob's CapSet yields only Bob's own.
            final Map<Capability, Boolean> bobs = new IdentityHashMap<>();
            bobs.put(bob.probe.capability, true);
            for (int index = 0; index < 8; index++) {
                for (int generation = 0; generation <= 0xFFFF; generation++) {
                    final Capability c = bob.caps.resolve(generation << 16 | index);
                    if (c != null && !bobs.containsKey(c)) {
                        throw new AssertionError("handle 0x" + Integer.toHexString(generation << 16 | index)
                            + " resolves in Bob's CapSet to " + c + ", which was never granted to Bob");
                    }
                }
            }
        }
    }
}
