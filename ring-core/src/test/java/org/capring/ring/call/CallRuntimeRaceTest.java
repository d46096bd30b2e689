package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The call runtime's races reproduced from outside, through the public API, as a user would hit them. Each test
 * failed on the runtime before its fix (described with the test) and must pass on every run since.
 */
class CallRuntimeRaceTest {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * {@code reapNow()} while a {@link CompletionMode#REAPER_THREAD} client's reaper runs: both drained the one CQ
     * through the one consumer handle (the reaper never took the role that guarded {@code reapNow}), processing
     * completions twice ("a completion without a call") and losing others until their deadline. Now the reaper
     * thread holds the role for the client's life and {@code reapNow()} gives way.
     */
    @Test
    void reapNow_whileReaperThreadReaps_noCompletionTwiceNoneLost() throws InterruptedException {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.REAPER_THREAD, 64, 1024, 1024, 64)) {
            final AtomicBoolean stop = new AtomicBoolean();
            final AtomicLong reapedByHand = new AtomicLong();
            final Thread meddler = Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    reapedByHand.addAndGet(f.client.reapNow());
                }
            });
            final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            final List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int id = t;
                callers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 300; i++) {
                        final long value = id * 1_000L + i;
                        try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO,
                            System.nanoTime() + DEADLINE_NANOS)) {
                            call.initParams(Probe.EchoParams.factory).setValue(value);
                            call.invoke();
                            assertEquals(value, call.result(Probe.EchoResults.factory).getValue());
                        } catch (final Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (final Thread caller : callers) {
                caller.join();
            }
            stop.set(true);
            meddler.join();
            assertTrue(failures.isEmpty(), () -> failures.size() + " calls failed, first: " + failures.getFirst());
            assertEquals(0, f.client.strayCompletions(), "no completion processed twice");
            assertEquals(0, reapedByHand.get(), "reapNow gives way to the reaper thread, which holds the role");
        }
    }

    /**
     * {@code sendAll(c, c)} claimed two SQ entries, then threw on the second state change, leaving a claimed range
     * that was never submitted: the server's reader waited at that position for good and every later call of the
     * client ran into its deadline. Now every call is checked before anything is claimed.
     */
    @ParameterizedTest
    @EnumSource(CompletionMode.class)
    void sendAll_sameCallTwice_refusedBeforeClaimAndRingKeepsServing(final CompletionMode completion) {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, completion)) {
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                call.initParams(Probe.EchoParams.factory).setValue(1);
                final IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> f.client.sendAll(call, call));
                assertTrue(refused.getMessage().contains("same call"), refused::getMessage);
                call.invoke(); // the call itself was not sent and is still usable
                assertEquals(1, call.result(Probe.EchoResults.factory).getValue());
            }
            try (Call next = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO,
                System.nanoTime() + DEADLINE_NANOS)) {
                next.initParams(Probe.EchoParams.factory).setValue(2);
                next.invoke();
                assertEquals(2, next.result(Probe.EchoResults.factory).getValue(), "the ring is not wedged");
            }
        }
    }

    @Test
    void sendAll_callOfAnotherClientOrAlreadySent_refusedAndNothingSent() {
        try (CallFixture f = new CallFixture(DispatchMode.INLINE, CompletionMode.CALLER_REAPS);
             CallFixture g = new CallFixture(DispatchMode.INLINE, CompletionMode.CALLER_REAPS)) {
            try (Call mine = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO);
                 Call theirs = g.client.newCall(g.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                assertThrows(IllegalStateException.class, () -> f.client.sendAll(mine, theirs));
                mine.send();
                assertThrows(IllegalStateException.class, () -> f.client.sendAll(mine));
                mine.await();
                assertEquals(0, f.client.strayCompletions());
            }
            assertEquals(1, f.probe.calls.get(), "only the call sent once ran");
        }
    }

    /**
     * A call abandoned at its deadline reads its own retry class: the slot may be reused the moment it is marked
     * abandoned, so the runtime reads the call's fields before it gives it up.
     */
    @Test
    void abandonAtDeadline_idempotentCall_reportsItsOwnRetryClass() {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS)) {
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_SLEEP,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20))) {
                call.idempotent(true);
                call.initParams(Probe.SleepParams.factory).setMillis(5_000);
                final TransportException.DeadlineExceeded late =
                    assertThrows(TransportException.DeadlineExceeded.class, call::invoke);
                assertTrue(late.dispatched(), "abandoned after sending: it may have run");
                assertTrue(late.retrySafe(), "an idempotent call stays retry-safe after dispatch");
            }
            try (Call other = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_SLEEP,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20))) {
                other.initParams(Probe.SleepParams.factory).setMillis(5_000);
                final TransportException.DeadlineExceeded late =
                    assertThrows(TransportException.DeadlineExceeded.class, other::invoke);
                assertFalse(late.retrySafe(), "a call not declared idempotent is not retry-safe after dispatch");
            }
        }
    }
}
