package org.capring.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingLayout;
import org.capring.ring.call.CapSet;
import org.capring.ring.call.ClientConfig;
import org.capring.ring.call.RingClient;
import org.capring.ring.call.RingServer;
import org.capring.ring.call.ServerConfig;

/**
 * A ring with a {@link RingServer} (default dispatch: one endpoint thread per capability) and a {@link RingClient};
 * capabilities are granted into {@link #caps} while it runs. Closing it checks that every call slot came back and
 * every server thread ended.
 */
final class RingRig implements AutoCloseable {
    final Ring ring;
    final CapSet caps = new CapSet(64);
    final RingServer server;
    final RingClient client;

    RingRig() {
        ring = Ring.allocate(RingLayout.builder().sqCapacity(64).sqProducers(ProducerMode.MULTI)
            .slots(8, 4096, 4096).build());
        server = RingServer.start(ring, caps, ServerConfig.defaults().withShutdownGrace(Duration.ofSeconds(5)));
        client = RingClient.open(ring, ClientConfig.defaults());
    }

    @Override
    public void close() {
        assertEquals(client.slotCount(), client.freeSlots(), "every call slot free at the end of the test");
        client.close();
        server.close();
        assertEquals(0, server.activeThreads(), "every server thread ended");
        ring.close();
    }
}
