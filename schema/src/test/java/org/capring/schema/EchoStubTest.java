package org.capring.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.capring.ring.call.Call;
import org.capring.ring.call.CallException;
import org.capring.ring.call.CapException;
import org.capring.ring.call.Capability;
import org.capring.ring.call.Status;
import org.capring.ring.call.TransportException;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated Echo stub and skeleton through a real ring. */
final class EchoStubTest {

    private static final Echo.Server ECHO = (params, results, call) -> {
        results.setValue(params.getValue());
        results.setPayload(params.getPayload());
    };

    private RingRig rig;
    private Echo.Client echo;

    @BeforeEach
    void setUp() {
        rig = new RingRig();
        echo = new Echo.Client(rig.client, rig.caps.grant(Echo.capability("echo", ECHO)));
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    @Test
    void invoke_valueAndPayload_comeBackTyped() {
        try (Echo.Client.EchoCall call = echo.echo()) {
            call.params().setValue(-42);
            call.params().setPayload(new byte[] {1, 2, 3});

            final Echo.EchoResults.Reader results = call.invoke();

            assertEquals(-42, results.getValue());
            assertArrayEquals(new byte[] {1, 2, 3}, results.getPayload().toArray());
        }
    }

    @Test
    void invoke_slotReusedByManyCalls_eachSeesItsOwnResult() {
        for (long i = 0; i < 200; i++) {
            try (Echo.Client.EchoCall call = echo.echo()) {
                call.params().setValue(i);
                assertEquals(i, call.invoke().getValue());
            }
        }
    }

    @Test
    void sendAll_batchOfStubCalls_allComplete() {
        final Echo.Client.EchoCall[] calls = new Echo.Client.EchoCall[4];
        final Call[] raw = new Call[calls.length];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = echo.echo();
            calls[i].params().setValue(100 + i);
            raw[i] = calls[i].call();
        }
        rig.client.sendAll(raw);

        for (int i = calls.length - 1; i >= 0; i--) {
            try (Echo.Client.EchoCall call = calls[i]) {
                assertEquals(100 + i, call.await().getValue());
            }
        }
    }

    @Test
    void invoke_handlerFailsAfterDispatch_idempotentEchoIsRetrySafe() {
        final Echo.Client failing = new Echo.Client(rig.client, rig.caps.grant(Echo.capability("failing",
            (params, results, call) -> {
                throw new IllegalStateException("disk on fire");
            })));

        try (Echo.Client.EchoCall call = failing.echo()) {
            final CapException e = assertThrows(CapException.class, call::invoke);

            assertEquals(Status.UNEXPECTED, e.status());
            assertTrue(e.dispatched());
            assertTrue(e.retrySafe(), "echo is $Capring.idempotent");
            assertTrue(e.detail().contains("disk on fire"), e.detail());
        }
    }

    @Test
    void newCall_methodBeyondTheInterface_isRefusedWithNoSuchMethodBeforeDispatch() {
        try (Call call = rig.client.newCall(echo.handle(), Echo.TYPE_ID, 1)) {
            final CallException e = assertThrows(CallException.class, call::invoke);

            assertInstanceOf(TransportException.NoSuchMethod.class, e);
            assertFalse(e.dispatched());
        }
    }

    @Test
    void skeleton_methodIdItDoesNotKnow_answersNoSuchMethod() {
        final Capability skeleton = Echo.capability("echo", ECHO);
        final int wider = rig.caps.grant(new Capability("wider", Echo.TYPE_ID, 3, skeleton.handler()));

        try (Call call = rig.client.newCall(wider, Echo.TYPE_ID, 2)) {
            final CallException e = assertThrows(CallException.class, call::invoke);

            assertInstanceOf(TransportException.NoSuchMethod.class, e);
            assertEquals(Status.NO_SUCH_METHOD, e.status());
        }
        assertEquals(1, skeleton.methodCount());
    }

    @Test
    void capability_nullServer_isRefused() {
        assertThrows(NullPointerException.class, () -> Echo.capability("echo", null));
    }
}
