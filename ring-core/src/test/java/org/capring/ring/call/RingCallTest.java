package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** End-to-end calls through the ring in every dispatch and completion mode. */
class RingCallTest {

    static Stream<Arguments> modes() {
        return Stream.of(DispatchMode.values()).flatMap(d -> Stream.of(CompletionMode.values()).map(c -> Arguments.of(d, c)));
    }

    static long echo(final RingClient client, final int handle, final long value, final String text) {
        try (Call call = client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
            final Probe.EchoParams.Builder params = call.initParams(Probe.EchoParams.factory);
            params.setValue(value);
            params.setText(text);
            call.invoke();
            final Probe.EchoResults.Reader result = call.result(Probe.EchoResults.factory);
            assertEquals(text, result.getText().toString());
            return result.getValue();
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void echo_manySequentialCalls_eachReturnsItsParams(final DispatchMode dispatch, final CompletionMode completion)
        throws Exception {
        try (CallFixture f = new CallFixture(dispatch, completion)) {
            for (int i = 0; i < 2_000; i++) {
                assertEquals(i * 7L, echo(f.client, f.probeHandle, i * 7L, "n" + i));
            }
            assertEquals(2_000, f.probe.calls.get());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void echo_manyVirtualThreadCallers_allComplete(final DispatchMode dispatch, final CompletionMode completion)
        throws Exception {
        manyVirtualThreadCallers(new CallFixture(dispatch, completion));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void echo_manyVirtualThreadCallers_withSpinning_allComplete(final DispatchMode dispatch,
                                                                final CompletionMode completion) throws Exception {
        manyVirtualThreadCallers(new CallFixture(dispatch, completion, 64, 1024, 1024, 64));
    }

    private static void manyVirtualThreadCallers(final CallFixture fixture) throws Exception {
        try (CallFixture f = fixture) {
            final List<Thread> callers = new ArrayList<>();
            final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 200; t++) {
                final int id = t;
                callers.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            final long v = id * 1_000L + i;
                            assertEquals(v, echo(f.client, f.probeHandle, v, "t" + id));
                        }
                    } catch (final Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (final Thread t : callers) {
                t.join();
            }
            assertTrue(failures.isEmpty(), () -> "failures: " + failures);
            assertEquals(200 * 50, f.probe.calls.get());
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void batch_sendAllThenAwait_allComplete(final DispatchMode dispatch, final CompletionMode completion) throws Exception {
        try (CallFixture f = new CallFixture(dispatch, completion)) {
            final Call[] batch = new Call[16];
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_ECHO);
                    batch[i].initParams(Probe.EchoParams.factory).setValue(round * 100L + i);
                }
                f.client.sendAll(batch);
                for (int i = 0; i < batch.length; i++) {
                    batch[i].await();
                    assertEquals(round * 100L + i, batch[i].result(Probe.EchoResults.factory).getValue());
                    batch[i].close();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("modes")
    void applicationError_typedCapExceptionWithMessage(final DispatchMode dispatch, final CompletionMode completion)
        throws Exception {
        try (CallFixture f = new CallFixture(dispatch, completion)) {
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_FAIL)) {
                final Probe.FailParams.Builder p = call.initParams(Probe.FailParams.factory);
                p.setCode(42);
                p.setMessage("no such key: k1");
                final CapException e = assertThrows(CapException.class, call::invoke);
                assertEquals(42, e.status());
                assertEquals("no such key: k1", e.detail());
                assertTrue(e.dispatched());
                assertFalse(e.retrySafe(), "dispatched, not idempotent");
            }
            try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_FAIL).idempotent(true)) {
                final Probe.FailParams.Builder p = call.initParams(Probe.FailParams.factory);
                p.setCode(0);
                p.setMessage("boom");
                final CapException e = assertThrows(CapException.class, call::invoke);
                assertEquals(Status.UNEXPECTED, e.status());
                assertTrue(e.detail().contains("boom"), e.detail());
                assertTrue(e.retrySafe(), "idempotent method");
            }
            assertEquals(7L, echo(f.client, f.probeHandle, 7, "still serving"));
        }
    }
}
