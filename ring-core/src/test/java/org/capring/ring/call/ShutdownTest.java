package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@link RingServer#shutdown} promises at the edges: every entry a client managed to submit gets exactly one
 * answer (served, or refused with SHUTTING_DOWN), so no caller waits forever; and when it returns every server
 * thread has ended. Both are races, so each test runs many short rounds.
 */
class ShutdownTest {
    private static final int ROUNDS = 200;
    private static final int SLOTS = 8;

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void shutdown_rightAfterABurstOfCalls_everyCallAnsweredOnce(final DispatchMode dispatch) {
        for (int round = 0; round < ROUNDS; round++) {
            final CapSet caps = new CapSet(4);
            final ProbeCapability probe = new ProbeCapability("probe");
            final int handle = caps.grant(probe.capability);
            final RawRing raw = new RawRing(ServerConfig.defaults().withDispatch(dispatch), caps, SLOTS, 256, 256);
            for (int slot = 0; slot < SLOTS; slot++) {
                raw.initParams(slot, Probe.EchoParams.factory).setValue(slot);
                raw.submitCall(slot, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, raw.writeParams(), slot, 0);
            }
            raw.server.close();
            // The server has stopped and joined its threads: every answer it will ever give is in the CQ now.
            int answered = 0;
            int refused = 0;
            RawRing.Completion c;
            while ((c = raw.poll(0)) != null) {
                assertTrue(c.status == Status.OK || c.status == Status.SHUTTING_DOWN, c::toString);
                refused += c.status == Status.SHUTTING_DOWN ? 1 : 0;
                answered++;
            }
            if (answered != SLOTS) {
                fail(dispatch + ", round " + round + ": " + SLOTS + " calls submitted before shutdown, " + answered
                    + " answered (" + refused + " SHUTTING_DOWN); the rest were dropped and their callers would "
                    + "wait forever");
            }
            raw.close();
        }
    }

    /**
     * A per-call thread completes its call (CQE posted, in-flight count dropped, drain waiter woken) a moment before
     * it ends; a shutdown waiting for exactly that completion is where a thread could be left behind.
     */
    @Test
    void threadPerCall_shutdownWaitingForLastCall_everyThreadEnded() {
        for (int round = 0; round < 3 * ROUNDS; round++) {
            final CallFixture f = new CallFixture(DispatchMode.THREAD_PER_CALL, CompletionMode.REAPER_THREAD, 4, 256, 256);
            for (int i = 0; i < 10; i++) {
                assertEquals(i, RingCallTest.echo(f.client, f.probeHandle, i, "warm"));
            }
            final Call last = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_SLEEP);
            last.initParams(Probe.SleepParams.factory).setMillis(1);
            last.send();
            awaitHandlerRuns(f, 11);
            final DrainResult result;
            try {
                result = f.server.shutdown(Duration.ofSeconds(5));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            final int alive = f.server.activeThreads();
            if (alive != 0) {
                // The ring stays mapped: a thread still counted might yet touch it.
                fail("round " + round + ": shutdown returned " + result + " with " + alive + " server thread(s) "
                    + "still alive: " + f.server.liveThreads().stream().map(t -> t + " " + t.getState() + " "
                    + java.util.Arrays.toString(t.getStackTrace())).toList());
            }
            assertEquals(0, f.server.inFlight());
            last.await();
            assertEquals(Status.OK, last.status());
            last.close();
            f.client.close();
            f.ring.close();
        }
    }
    /** Waits until the probe's handler has begun {@code n} calls (the last of them is then running). */
    private static void awaitHandlerRuns(final CallFixture f, final int n) {
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (f.probe.calls.get() < n) {
            assertTrue(System.nanoTime() - giveUp < 0, "call " + n + " never started");
            Thread.onSpinWait();
        }
    }

    /** An interrupted shutdown still stops the server: nothing is left DRAINING, the call in flight is cancelled. */
    @Test
    void shutdown_interruptedWhileWaiting_serverStillStopsAndTheCallIsCancelled() throws Exception {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS)) {
            final Call slow = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_SLEEP);
            slow.initParams(Probe.SleepParams.factory).setMillis(30_000);
            slow.send();
            awaitHandlerRuns(f, 1);
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> f.server.shutdown(Duration.ofSeconds(20)));
            assertEquals(RingServer.State.STOPPED, f.server.state(), "stopped, not left draining");
            assertTrue(f.server.awaitTermination(Duration.ofSeconds(30)), "its threads ended");
            assertThrows(TransportException.Cancelled.class, slow::await,
                "the call in flight was cancelled, not left running");
            slow.close();
        }
    }
}
