package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Deadlines, cancellation, size limits, handles, adoption and release flushing. */
class CallSemanticsTest {

    private static Call sleep(final RingClient client, final int handle, final int millis, final long deadline) {
        final Call call = client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_SLEEP, deadline);
        call.initParams(Probe.SleepParams.factory).setMillis(millis);
        return call;
    }

    @ParameterizedTest
    @EnumSource(CompletionMode.class)
    void deadline_handlerSlowerThanDeadline_deadlineExceededAndSlotReturnsLater(final CompletionMode mode) {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, mode)) {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            try (Call call = sleep(f.client, f.probeHandle, 10_000, deadline)) {
                final TransportException e = assertThrows(TransportException.DeadlineExceeded.class, call::invoke);
                assertFalse(e.retrySafe(), "it may have run");
            }
            f.awaitAllSlotsFree();
            assertEquals(f.client.slotCount(), f.client.freeSlots(), "the abandoned slot came back with its CQE");
            assertEquals(5L, RingCallTest.echo(f.client, f.probeHandle, 5, "after"));
        }
    }

    @Test
    void deadline_alreadyPassedAtServer_refusedBeforeDispatch() {
        try (CallFixture f = new CallFixture(DispatchMode.INLINE, CompletionMode.CALLER_REAPS)) {
            final long callsBefore = f.probe.calls.get();
            try (Call call = sleep(f.client, f.probeHandle, 1, System.nanoTime() - 1)) {
                call.send();
                final TransportException e = assertThrows(TransportException.class, call::await);
                assertEquals(Status.DEADLINE_EXCEEDED, e.status());
            }
            assertEquals(callsBefore, f.probe.calls.get(), "handler never ran");
        }
    }

    @Test
    void cancel_runningCall_completesCancelled() {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS)) {
            try (Call call = sleep(f.client, f.probeHandle, 60_000, 0)) {
                call.send();
                while (f.probe.calls.get() == 0) {
                    Thread.onSpinWait();
                }
                call.cancel();
                final TransportException e = assertThrows(TransportException.Cancelled.class, call::await);
                assertTrue(e.dispatched());
            }
        }
    }

    @Test
    void interrupt_waitingCaller_cancelledWithFlagKept() throws Exception {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS)) {
            final Throwable[] thrown = {null};
            final boolean[] flag = {false};
            final Thread caller = Thread.ofVirtual().start(() -> {
                try (Call call = sleep(f.client, f.probeHandle, 60_000, 0)) {
                    call.invoke();
                } catch (final Throwable e) {
                    thrown[0] = e;
                    flag[0] = Thread.currentThread().isInterrupted();
                }
            });
            while (f.probe.calls.get() == 0) {
                Thread.onSpinWait();
            }
            caller.interrupt();
            caller.join();
            assertTrue(thrown[0] instanceof TransportException.Cancelled, String.valueOf(thrown[0]));
            assertTrue(flag[0], "interrupt flag kept");
        }
    }

    @Test
    void resultTooLarge_neverTruncated_typedError() {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS, 8, 256, 256)) {
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_FILL)) {
                call.initParams(Probe.FillParams.factory).setBytes(4096);
                final TransportException e = assertThrows(TransportException.ResultTooLarge.class, call::invoke);
                assertTrue(e.dispatched());
            }
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_FILL)) {
                call.initParams(Probe.FillParams.factory).setBytes(100);
                call.invoke();
                assertEquals(100, call.result(Probe.FillResults.factory).getData().size(), "region usable again");
            }
        }
    }

    /** A handler that catches the RegionFullException and returns still answers RESULT_TOO_LARGE, never a cut result. */
    @Test
    void resultTooLarge_handlerSwallowsTheOverflow_stillTypedErrorNeverTruncated() {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS, 8, 256, 256)) {
            final int swallower = f.caps.grant(new Capability("swallows", Probe.TYPE_ID, 6, call -> {
                try {
                    call.initResult(Probe.FillResults.factory).initData(4096);
                } catch (final RegionFullException ignored) {
                    // a generic catch in application code
                }
            }));
            try (Call call = f.client.newCall(swallower, Probe.TYPE_ID, Probe.METHOD_FILL)) {
                final TransportException e = assertThrows(TransportException.ResultTooLarge.class, call::invoke);
                assertTrue(e.dispatched());
            }
        }
    }

    @Test
    void paramsTooLarge_refusedByClient_nothingSent() {
        try (CallFixture f = new CallFixture(DispatchMode.INLINE, CompletionMode.CALLER_REAPS, 8, 128, 128)) {
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                final Probe.EchoParams.Builder p = call.initParams(Probe.EchoParams.factory);
                final TransportException e = assertThrows(TransportException.ParamsTooLarge.class,
                    () -> p.setText("x".repeat(1000)));
                assertFalse(e.dispatched());
                assertTrue(e.retrySafe());
            }
            assertEquals(0, f.probe.calls.get());
            // The same slot (the free slots are a stack) for a call that sets no params: the overflow was the last
            // call's, not this one's.
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                call.invoke();
                assertEquals(0L, call.result(Probe.EchoResults.factory).getValue());
            }
            assertEquals(9L, RingCallTest.echo(f.client, f.probeHandle, 9, "fits"));
        }
    }

    @Test
    void handles_staleForgedWrongInterface_typedTransportErrors() {
        try (CallFixture f = new CallFixture(DispatchMode.INLINE, CompletionMode.CALLER_REAPS)) {
            final int forged = f.probeHandle ^ 0x0001_0000;
            try (Call call = f.client.newCall(forged, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                final TransportException e = assertThrows(TransportException.InvalidHandle.class, call::invoke);
                assertFalse(e.dispatched());
                assertTrue(e.retrySafe());
            }
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID + 1, Probe.METHOD_ECHO)) {
                assertThrows(TransportException.NoSuchMethod.class, call::invoke);
            }
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, 6)) {
                assertThrows(TransportException.NoSuchMethod.class, call::invoke);
            }
            assertTrue(f.caps.revoke(f.probeHandle));
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                assertThrows(TransportException.InvalidHandle.class, call::invoke, "revoked");
            }
            assertFalse(f.caps.revoke(f.probeHandle), "already revoked");
        }
    }

    @Test
    void adoption_resultCapability_callableAndReleasedBatched() {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS)) {
            final int sizeBefore = f.caps.size();
            int adopted;
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_OPEN)) {
                call.initParams(Probe.OpenParams.factory).setName("child");
                call.invoke();
                adopted = call.result(Probe.OpenResults.factory).getHandle();
            }
            assertNotEquals(f.probeHandle, adopted);
            assertEquals(sizeBefore + 1, f.caps.size());
            try (CapRef child = f.client.capRef(adopted)) {
                assertEquals(3L, RingCallTest.echo(f.client, child.handle(), 3, "child"));
            }
            assertEquals(1, f.client.pendingReleases(), "queued, not yet sent");
            assertEquals(4L, RingCallTest.echo(f.client, f.probeHandle, 4, "carries the release"));
            assertEquals(0, f.client.pendingReleases());
            assertEquals(1, f.client.releasesSent());
            // The RELEASE travels behind the CALL in one batch; the reader handles it after dispatching the call, so
            // the call's completion may arrive first (an endpoint runs it meanwhile).
            final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (f.caps.size() != sizeBefore && System.nanoTime() - giveUp < 0) {
                Thread.onSpinWait();
            }
            assertEquals(sizeBefore, f.caps.size(), "released on the server");
            assertNull(f.caps.resolve(adopted));
        }
    }

    @Test
    void releases_atThreshold_flushedWithoutACall() {
        try (CallFixture f = new CallFixture(DispatchMode.INLINE, CompletionMode.CALLER_REAPS)) {
            final int threshold = ClientConfig.DEFAULT_RELEASE_BATCH;
            final int[] handles = new int[threshold];
            for (int i = 0; i < threshold; i++) {
                handles[i] = f.caps.grant(new ProbeCapability("c" + i).capability);
            }
            final int size = f.caps.size();
            for (int i = 0; i < threshold - 1; i++) {
                f.client.capRef(handles[i]).close();
            }
            assertEquals(threshold - 1, f.client.pendingReleases());
            final CapRef last = f.client.capRef(handles[threshold - 1]);
            last.close();
            last.close();
            assertEquals(0, f.client.pendingReleases());
            final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (f.caps.size() != size - threshold && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            assertEquals(size - threshold, f.caps.size(), "all released in one batch");
        }
    }

    @Test
    void slots_allTaken_newCallParksUntilDeadline() {
        try (CallFixture f = new CallFixture(DispatchMode.INLINE, CompletionMode.CALLER_REAPS, 2, 256, 256)) {
            final Call a = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO);
            final Call b = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO);
            final TransportException e = assertThrows(TransportException.DeadlineExceeded.class, () ->
                f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO,
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)));
            assertFalse(e.dispatched());
            a.close();
            b.close();
            f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO).close();
        }
    }

    @Test
    void newCalls_manyBatchersOverFewSlots_noneHoldsPartOfABatch() throws Exception {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS, 32, 256, 256)) {
            final java.util.List<Thread> batchers = new java.util.ArrayList<>();
            final java.util.concurrent.atomic.AtomicLong echoed = new java.util.concurrent.atomic.AtomicLong();
            for (int t = 0; t < 40; t++) {
                batchers.add(Thread.ofVirtual().start(() -> {
                    final Call[] batch = new Call[10];
                    for (int round = 0; round < 20; round++) {
                        f.client.newCalls(batch, batch.length, f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO);
                        for (int i = 0; i < batch.length; i++) {
                            batch[i].initParams(Probe.EchoParams.factory).setValue(i);
                        }
                        f.client.sendAll(batch);
                        for (final Call call : batch) {
                            try (call) {
                                call.await();
                                echoed.addAndGet(call.result(Probe.EchoResults.factory).getValue());
                            }
                        }
                    }
                }));
            }
            for (final Thread t : batchers) {
                assertTrue(t.join(java.time.Duration.ofSeconds(60)), "a batcher is stuck: slots held by partial batches");
            }
            assertEquals(40L * 20 * 45, echoed.get());
        }
    }

    @Test
    void newCalls_badArguments_rejectedWithoutTakingSlots() {
        try (CallFixture f = new CallFixture(DispatchMode.INLINE, CompletionMode.CALLER_REAPS, 4, 256, 256)) {
            final Call[] batch = new Call[8];
            assertThrows(IllegalArgumentException.class,
                () -> f.client.newCalls(batch, 0, f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO));
            assertThrows(IllegalArgumentException.class,
                () -> f.client.newCalls(batch, 5, f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO), "more than slots");
            assertThrows(IllegalArgumentException.class,
                () -> f.client.newCalls(new Call[2], 3, f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO));
            assertThrows(IllegalArgumentException.class,
                () -> f.client.newCalls(batch, 2, f.probeHandle, Probe.TYPE_ID, -1));
            assertEquals(4, f.client.freeSlots());
        }
    }

    @Test
    void misuse_awaitBeforeSendOrResultAfterError_rejected() {
        try (CallFixture f = new CallFixture(DispatchMode.INLINE, CompletionMode.CALLER_REAPS)) {
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                assertThrows(IllegalStateException.class, call::await);
                call.send();
                assertThrows(IllegalStateException.class, call::send);
                call.await();
                call.result(Probe.EchoResults.factory);
            }
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_FAIL)) {
                call.initParams(Probe.FailParams.factory).setCode(3);
                assertThrows(CapException.class, call::invoke);
                assertThrows(IllegalStateException.class, () -> call.result(Probe.FailResults.factory));
            }
            assertThrows(IllegalArgumentException.class,
                () -> f.client.newCall(f.probeHandle, Probe.TYPE_ID, 0x1_0000));
        }
    }

    @Test
    void shutdown_newCallsRefusedInFlightDrained() throws Exception {
        final CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS);
        final Call slow = sleep(f.client, f.probeHandle, 200, 0);
        slow.send();
        while (f.probe.calls.get() == 0) {
            Thread.onSpinWait();
        }
        final Thread stopper = Thread.ofVirtual().start(f.server::close);
        while (f.server.inFlight() == 1 && stopper.isAlive()) {
            try (Call late = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO,
                System.nanoTime() + TimeUnit.SECONDS.toNanos(10))) {
                try {
                    late.invoke();
                } catch (final TransportException.ShuttingDown expected) {
                    assertFalse(expected.dispatched());
                    break;
                }
            }
        }
        slow.await();
        assertTrue(slow.result(Probe.SleepResults.factory).getSlept(), "in-flight call drained");
        slow.close();
        stopper.join();
        f.close();
    }
}
