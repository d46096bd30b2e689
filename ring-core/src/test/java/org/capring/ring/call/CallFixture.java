package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingLayout;

/**
 * A ring with a server and a client, checked for leaks on close: every slot free, every server thread ended.
 */
final class CallFixture implements AutoCloseable {
    final Ring ring;
    final CapSet caps;
    final RingServer server;
    final RingClient client;
    final ProbeCapability probe = new ProbeCapability("probe");
    final int probeHandle;

    CallFixture(final DispatchMode dispatch, final CompletionMode completion) {
        this(dispatch, completion, 64, 1024, 1024);
    }

    CallFixture(final DispatchMode dispatch, final CompletionMode completion, final int slots, final int params,
                final int result) {
        this(dispatch, completion, slots, params, result, ServerConfig.defaultSpinRounds());
    }

    CallFixture(final DispatchMode dispatch, final CompletionMode completion, final int slots, final int params,
                final int result, final int spinRounds) {
        this.ring = Ring.allocate(RingLayout.builder().sqCapacity(256).sqProducers(ProducerMode.MULTI)
            .slots(slots, params, result).build());
        this.caps = new CapSet(1024);
        this.probeHandle = caps.grant(probe.capability);
        this.server = RingServer.start(ring, caps,
            ServerConfig.defaults().withDispatch(dispatch).withShutdownGrace(Duration.ofSeconds(5))
                .withSpinRounds(spinRounds));
        this.client = RingClient.open(ring, ClientConfig.defaults().withCompletion(completion).withSpinRounds(spinRounds));
    }

    /**
     * Reaps late completions until every slot is free (abandoned calls return their slot with their CQE); fails
     * if they do not within 30 s.
     */
    void awaitAllSlotsFree() {
        final long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.freeSlots() != client.slotCount() && System.nanoTime() < giveUp) {
            client.reapNow();
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertEquals(client.slotCount(), client.freeSlots(), "every slot free (stray completions: "
            + client.strayCompletions() + ")");
    }

    @Override
    public void close() {
        awaitAllSlotsFree();
        assertEquals(client.slotCount(), client.freeSlots(), "every slot free after the test");
        client.close();
        server.close();
        assertEquals(0, server.inFlight(), "nothing in flight after shutdown");
        assertEquals(0, server.activeThreads(), "every server thread ended");
        ring.close();
    }
}
