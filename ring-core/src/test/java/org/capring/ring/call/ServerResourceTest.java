package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a long-lived server keeps per call and per capability must be bounded by what is live, not by what ever
 * was: a client that keeps opening capabilities (result-cap adoption), calling and releasing them, or simply
 * keeps calling, must not make the server's threads or bookkeeping grow without end.
 */
class ServerResourceTest {
    private static final int CYCLES = 300;
    /** Reader, the probe's endpoint, and slack for threads still finishing. */
    private static final int THREAD_BOUND = 8;

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void adoptCallReleaseCycles_serverThreadsBounded(final DispatchMode dispatch) {
        try (CallFixture f = new CallFixture(dispatch, CompletionMode.CALLER_REAPS)) {
            final int sizeBefore = f.caps.size();
            for (int i = 0; i < CYCLES; i++) {
                final int adopted;
                try (Call open = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_OPEN)) {
                    open.initParams(Probe.OpenParams.factory).setName("cap" + i);
                    open.invoke();
                    adopted = open.result(Probe.OpenResults.factory).getHandle();
                }
                try (CapRef ref = f.client.capRef(adopted)) {
                    assertEquals(i, RingCallTest.echo(f.client, ref.handle(), i, "adopted"));
                }
            }
            f.client.flushReleases();
            assertEquals(1L, RingCallTest.echo(f.client, f.probeHandle, 1, "sync"));
            assertEquals(sizeBefore, f.caps.size(), "every adopted capability was released");
            final int threads = f.server.activeThreads();
            assertTrue(threads <= THREAD_BOUND, () -> dispatch + ": " + threads + " server threads alive after "
                + CYCLES + " capabilities were adopted, called once and released: endpoints of released "
                + "capabilities are never retired");
        }
    }

    @Test
    void threadPerCall_manyCalls_threadRegistryBounded() {
        try (CallFixture f = new CallFixture(DispatchMode.THREAD_PER_CALL, CompletionMode.CALLER_REAPS)) {
            for (int i = 0; i < 2_000; i++) {
                assertEquals(i, RingCallTest.echo(f.client, f.probeHandle, i, "t"));
            }
            // The registry's snapshot shows what it retains.
            final int registered = f.server.liveThreads().size();
            assertTrue(registered <= THREAD_BOUND, () -> registered + " threads registered after 2,000 calls in "
                + "THREAD_PER_CALL mode (" + f.server.activeThreads() + " alive): ended per-call threads are kept "
                + "until shutdown");
        }
    }
}
