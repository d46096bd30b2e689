package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client must make progress on its own: a call abandoned by {@code close()} without {@code await()} gives its
 * slot back "when its completion arrives", and that must happen even if no other caller is waiting at the time
 * (nobody else may ever come), in every completion mode.
 */
class ClientLivenessTest {
    private static final int SLOTS = 4;

    @ParameterizedTest
    @EnumSource(CompletionMode.class)
    void everySlotHeldByAnAbandonedCall_nextNewCallStillGetsASlot(final CompletionMode completion) {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, completion, SLOTS, 256, 256)) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < SLOTS; i++) {
                    final Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO);
                    call.initParams(Probe.EchoParams.factory).setValue(i);
                    call.send();
                    call.close();
                }
                // Fire-and-forget from one thread: nobody awaits. The server answers each call at once; the next
                // newCall must not wait forever for slots whose completions are already in the CQ. The deadline
                // only bounds the test: a slot comes free in microseconds or never.
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO, deadline)) {
                    call.initParams(Probe.EchoParams.factory).setValue(100 + round);
                    call.invoke();
                    assertEquals(100 + round, call.result(Probe.EchoResults.factory).getValue());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CompletionMode.class)
    void awaitTermination_closedWithACallHoldingItsSlot_terminatesOnlyOnceThatCallEnds(final CompletionMode completion)
        throws InterruptedException {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, completion, SLOTS, 256, 256)) {
            final Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO,
                System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            f.client.close();
            assertFalse(f.client.awaitTermination(Duration.ofMillis(20)), "a call still holds its slot");
            // Taken before the close, sent after it: still served (the server is there until the client terminated).
            call.initParams(Probe.EchoParams.factory).setValue(9);
            call.invoke();
            assertEquals(9, call.result(Probe.EchoResults.factory).getValue());
            call.close();
            assertTrue(f.client.awaitTermination(Duration.ofSeconds(5)), "terminated once the last slot came back");
            assertEquals(RingClient.State.TERMINATED, f.client.state());
        }
    }
}
