package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingLayout;
import org.capring.ring.SpinBudget;
import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Every spin permit comes back once the runtime's threads are done, also after waits for room in a full SQ and a
 * full CQ: a full-queue wait that found room in the middle of a spin round used to keep its permit for good, and on
 * two cores (one permit) that stopped every spin of the JVM. Many callers share a tiny SQ and CQ, so both fill.
 */
@Isolated("counts every spin permit of the JVM")
class SpinPermitTest {
    private static final int CALLERS = 32;
    private static final int CALLS = 200;

    @Test
    void fullQueueWaits_thenEverythingStops_everyPermitIsFreeAgain() throws InterruptedException {
        final Ring ring = Ring.allocate(RingLayout.builder().sqCapacity(2).cqCapacity(2).sqProducers(ProducerMode.MULTI)
            .slots(CALLERS, 256, 256).build());
        final ProbeCapability probe = new ProbeCapability("probe");
        final CapSet caps = new CapSet(16);
        final int handle = caps.grant(probe.capability);
        final RingServer server = RingServer.start(ring, caps,
            ServerConfig.defaults().withDispatch(DispatchMode.THREAD_PER_CALL).withSpinRounds(64));
        final RingClient client = RingClient.open(ring, ClientConfig.defaults().withSpinRounds(64));
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            callers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < CALLS; i++) {
                    try (Call call = client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                        call.initParams(Probe.EchoParams.factory).setValue(i);
                        call.invoke();
                        assertEquals(i, call.result(Probe.EchoResults.factory).getValue());
                    } catch (final Throwable e) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (final Thread caller : callers) {
            caller.join();
        }
        client.close();
        server.shutdown(Duration.ofSeconds(5));
        assertTrue(server.awaitTermination(Duration.ofSeconds(10)), "server threads ended");
        ring.close();
        assertTrue(failures.isEmpty(), () -> failures.size() + " calls failed, first: " + failures.getFirst());
        assertTrue(ring.cqOverflowCount() > 0, "the CQ was full at least once: the full-queue wait ran");

        int taken = 0;
        while (taken <= SpinBudget.permits() && SpinBudget.tryAcquire()) {
            taken++;
        }
        try {
            assertEquals(SpinBudget.permits(), taken, "every spin permit is free again");
            assertFalse(SpinBudget.tryAcquire());
        } finally {
            for (int i = 0; i < taken; i++) {
                SpinBudget.release();
            }
        }
    }
}
