package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.capring.ring.Sqe;
import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.Test;

/**
 * {@link RefusalObserver}: every CALL answered without running a handler is reported once, with the capability it
 * named (null when the handle resolved to nothing), the handle, the method and the status; calls whose handler ran
 * are never reported, not even one whose handler refused by itself; an observer that throws does not stop the server.
 */
class RefusalObserverTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Refusal(Capability capability, int capHandle, int methodId, int status) {
    }

    private final LinkedBlockingQueue<Refusal> refusals = new LinkedBlockingQueue<>();
    private final RefusalObserver recorder = (capability, capHandle, methodId, status) ->
        refusals.add(new Refusal(capability, capHandle, methodId, status));

    private Refusal nextRefusal() throws InterruptedException {
        final Refusal r = refusals.poll(WAIT_NANOS, TimeUnit.NANOSECONDS);
        assertNotNull(r, "the observer was told");
        return r;
    }

    @Test
    void refused_beforeDispatch_reportedWithCapabilityHandleMethodAndStatus() throws InterruptedException {
        final CapSet caps = new CapSet(8);
        final ProbeCapability probe = new ProbeCapability("probe");
        final int handle = caps.grant(probe.capability);
        try (RawRing raw = new RawRing(ServerConfig.defaults(), caps, 8, 1024, 1024, recorder)) {
            final int forged = handle + (1 << 16);
            assertEquals(Status.INVALID_HANDLE, raw.call(0, forged, Probe.TYPE_ID, Probe.METHOD_ECHO, 0, 1).status);
            assertEquals(new Refusal(null, forged, Probe.METHOD_ECHO, Status.INVALID_HANDLE), nextRefusal());

            assertEquals(Status.NO_SUCH_METHOD, raw.call(0, handle, Probe.TYPE_ID, 99, 0, 2).status);
            assertEquals(new Refusal(probe.capability, handle, 99, Status.NO_SUCH_METHOD), nextRefusal());

            raw.submitCall(0, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, 0, 3, System.nanoTime() - 1);
            assertEquals(Status.DEADLINE_EXCEEDED, raw.next().status);
            assertEquals(new Refusal(probe.capability, handle, Probe.METHOD_ECHO, Status.DEADLINE_EXCEEDED),
                nextRefusal());

            raw.submit(Sqe.OP_CALL, 0x80, Probe.METHOD_ECHO, handle, Probe.TYPE_ID, 0, 0, 4);
            assertEquals(Status.BAD_SQE, raw.next().status);
            assertEquals(new Refusal(null, handle, Probe.METHOD_ECHO, Status.BAD_SQE), nextRefusal());

            raw.initParams(0, Probe.EchoParams.factory).setValue(7);
            assertEquals(Status.OK, raw.call(0, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, raw.writeParams(), 5).status);
            raw.awaitIdle();
            assertNull(refusals.poll(), "a call whose handler ran is not a refusal");
        }
    }

    @Test
    void handlerRefusesItself_notReported() throws InterruptedException {
        final CapSet caps = new CapSet(8);
        final int handle = caps.grant(new Capability("gated", Probe.TYPE_ID, 6, call -> {
            throw TransportException.of(Status.SHUTTING_DOWN, false, false, "the container's gate is closed");
        }));
        try (RawRing raw = new RawRing(ServerConfig.defaults(), caps, 8, 1024, 1024, recorder)) {
            final RawRing.Completion c = raw.call(0, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, 0, 1);
            assertEquals(Status.SHUTTING_DOWN, c.status);
            assertFalse(c.dispatched(), "a refusal before the work began is answered as not dispatched");
            raw.awaitIdle();
            assertNull(refusals.poll(), "the handler ran: its own refusal is its own to report");
        }
    }

    @Test
    void overloadedAndCancelledBeforeDispatch_reported_cancelledAfterDispatchNot() throws InterruptedException {
        final CapSet caps = new CapSet(8);
        final ProbeCapability probe = new ProbeCapability("probe");
        final int handle = caps.grant(probe.capability);
        final ServerConfig config = ServerConfig.defaults().withDispatch(DispatchMode.ENDPOINT_LOOP).withEndpointQueue(2);
        try (RawRing raw = new RawRing(config, caps, 8, 1024, 1024, recorder)) {
            raw.initParams(0, Probe.SleepParams.factory).setMillis(60_000);
            raw.submitCall(0, handle, Probe.TYPE_ID, Probe.METHOD_SLEEP, raw.writeParams(), 10, 0);
            final long giveUp = System.nanoTime() + WAIT_NANOS;
            while (probe.calls.get() < 1 && System.nanoTime() - giveUp < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            assertEquals(1, probe.calls.get(), "the sleeping call holds the endpoint");
            raw.submitCall(1, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, 0, 11, 0);
            raw.submitCall(2, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, 0, 12, 0);
            raw.submitCall(3, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, 0, 13, 0);
            final RawRing.Completion overloaded = raw.next();
            assertEquals(13, overloaded.userData, "the queue holds two: the third waiting call is refused");
            assertEquals(Status.OVERLOADED, overloaded.status);
            assertEquals(new Refusal(probe.capability, handle, Probe.METHOD_ECHO, Status.OVERLOADED), nextRefusal());

            // Cancel the two queued calls, then the running one: the queued ones never reach the handler.
            raw.submit(Sqe.OP_CANCEL, 0, 0, handle, 0, 1, 0, 11);
            raw.submit(Sqe.OP_CANCEL, 0, 0, handle, 0, 2, 0, 12);
            raw.submit(Sqe.OP_CANCEL, 0, 0, handle, 0, 0, 0, 10);
            for (int i = 0; i < 3; i++) {
                final RawRing.Completion c = raw.next();
                assertEquals(Status.CANCELLED, c.status, c::toString);
                assertEquals(c.userData == 10, c.dispatched(), () -> "only the running call was dispatched: " + c);
            }
            assertEquals(new Refusal(probe.capability, handle, Probe.METHOD_ECHO, Status.CANCELLED), nextRefusal());
            assertEquals(new Refusal(probe.capability, handle, Probe.METHOD_ECHO, Status.CANCELLED), nextRefusal());
            raw.awaitIdle();
            assertNull(refusals.poll(), "the cancelled running call is not a refusal");
            assertEquals(1, probe.calls.get(), "no cancelled queued call reached the handler");
        }
    }

    @Test
    void observerThrows_loggedAndServerKeepsAnswering() {
        final CapSet caps = new CapSet(8);
        final ProbeCapability probe = new ProbeCapability("probe");
        final int handle = caps.grant(probe.capability);
        final AtomicBoolean told = new AtomicBoolean();
        final RefusalObserver failing = (capability, capHandle, methodId, status) -> {
            told.set(true);
            throw new IllegalStateException("observer bug");
        };
        try (RawRing raw = new RawRing(ServerConfig.defaults(), caps, 8, 1024, 1024, failing)) {
            assertEquals(Status.NO_SUCH_METHOD, raw.call(0, handle, Probe.TYPE_ID, 99, 0, 1).status);
            raw.initParams(1, Probe.EchoParams.factory).setValue(7);
            assertEquals(Status.OK, raw.call(1, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, raw.writeParams(), 2).status);
            assertTrue(told.get(), "the observer ran");
        }
    }
}
