package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A call slot serves one call after another. These tests check that a caller's documented use of its own
 * {@link Call}, the try-with-resources {@code close()} at the end of its block
 * ("safe to call twice", also after a deadline abandoned the call), can never act on the next caller's call
 * through the same slot. One slot makes the reuse certain; two virtual threads play the two callers, each
 * touching only its own reference, in an order the test fixes with hand-offs.
 */
class CallOwnershipTest {
    private static final Duration LIVENESS = Duration.ofSeconds(30);

    /** Another caller: a virtual thread that runs the steps the test hands it, one at a time, in order. */
    private static final class Caller implements AutoCloseable {
        static final Runnable STOP = () -> { };
        final SynchronousQueue<Runnable> steps = new SynchronousQueue<>();
        volatile CompletableFuture<Void> current = new CompletableFuture<>();
        final Thread thread = Thread.ofVirtual().name("caller").start(this::run);

        private void run() {
            try {
                while (true) {
                    final Runnable step = steps.take();
                    final CompletableFuture<Void> done = current;
                    try {
                        step.run();
                        done.complete(null);
                    } catch (final Throwable e) {
                        done.completeExceptionally(e);
                    }
                    if (step == STOP) {
                        return;
                    }
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Runs one step on the caller's thread and waits for it. */
        void step(final Runnable step) throws InterruptedException, ExecutionException, TimeoutException {
            current = new CompletableFuture<>();
            final CompletableFuture<Void> done = current;
            assertTrue(steps.offer(step, LIVENESS.toNanos(), TimeUnit.NANOSECONDS), "caller thread alive");
            done.get(LIVENESS.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            try {
                step(STOP);
                assertTrue(thread.join(LIVENESS), "caller thread ended");
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping the caller", e);
            } catch (final ExecutionException | TimeoutException e) {
                throw new AssertionError("caller thread failed to stop", e);
            }
        }
    }

    private static Call slowCallWithDeadline(final RingClient client, final int handle) {
        final Call call = client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_SLEEP,
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
        call.initParams(Probe.SleepParams.factory).setMillis(60_000);
        return call;
    }

    /**
     * Sends a slow call and waits until its handler runs, so that its deadline passes on the client while the
     * server holds it (the call is abandoned), not at the server before dispatch (a DEADLINE_EXCEEDED answer).
     */
    private static void sendAndAwaitPastDeadline(final CallFixture f, final Call call) {
        final long before = f.probe.calls.get();
        call.send();
        while (f.probe.calls.get() == before) {
            Thread.onSpinWait();
        }
        assertThrows(TransportException.DeadlineExceeded.class, call::await);
        final int state = CallSlot.stateOf(call.slot.stamp());
        assertTrue(state == CallSlot.ABANDONED || state == CallSlot.FREE, "abandoned (or already reaped): " + state);
    }

    @ParameterizedTest
    @EnumSource(CompletionMode.class)
    void closeAfterDeadline_slotAlreadyReused_leavesTheNextCallersCallAlone(final CompletionMode completion)
        throws Exception {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, completion, 1, 256, 256);
             Caller first = new Caller()) {
            final Call[] mine = new Call[1];
            // First caller: try (Call c = newCall(deadline)) { c.invoke(); } -- the deadline passes.
            first.step(() -> {
                mine[0] = slowCallWithDeadline(f.client, f.probeHandle);
                sendAndAwaitPastDeadline(f, mine[0]);
            });
            // The server answers the abandoned call (cancelled), the client frees the slot; a second caller takes it.
            f.awaitAllSlotsFree();
            final Call next = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO);
            assertSame(mine[0].slot, next.slot, "one slot, now the second caller's");
            next.initParams(Probe.EchoParams.factory).setValue(5);
            // First caller leaves its try block.
            first.step(() -> mine[0].close());
            assertEquals(0, f.client.freeSlots(), "the first caller's close freed the second caller's slot");
            next.invoke();
            assertEquals(5, next.result(Probe.EchoResults.factory).getValue());
            next.close();
            assertEquals(1, f.client.freeSlots(), "one slot, freed once");
        }
    }

    @ParameterizedTest
    @EnumSource(CompletionMode.class)
    void closeAfterDeadline_nextCallersCallInFlight_notAbandonedByIt(final CompletionMode completion)
        throws Exception {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, completion, 1, 256, 256);
             Caller first = new Caller()) {
            final Call[] mine = new Call[1];
            first.step(() -> {
                mine[0] = slowCallWithDeadline(f.client, f.probeHandle);
                sendAndAwaitPastDeadline(f, mine[0]);
            });
            f.awaitAllSlotsFree();
            final Call next = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_SLEEP);
            next.initParams(Probe.SleepParams.factory).setMillis(200);
            next.send();
            first.step(() -> mine[0].close());
            assertEquals(CallSlot.SENT, next.state(), "the second caller's call is still its own, in flight");
            next.await();
            assertTrue(next.result(Probe.SleepResults.factory).getSlept());
            next.close();
        }
    }

    @ParameterizedTest
    @EnumSource(CompletionMode.class)
    void closeTwice_slotReusedBetween_secondCloseHarmless(final CompletionMode completion) throws Exception {
        try (CallFixture f = new CallFixture(DispatchMode.INLINE, completion, 1, 256, 256);
             Caller first = new Caller()) {
            final Call[] mine = new Call[1];
            first.step(() -> {
                mine[0] = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO);
                mine[0].close();
            });
            final Call next = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO);
            // "Safe to call twice."
            first.step(() -> mine[0].close());
            assertEquals(0, f.client.freeSlots(), "the second close freed the second caller's slot");
            next.initParams(Probe.EchoParams.factory).setValue(6);
            next.invoke();
            assertEquals(6, next.result(Probe.EchoResults.factory).getValue());
            next.close();
            assertEquals(1, f.client.freeSlots());
        }
    }
}
