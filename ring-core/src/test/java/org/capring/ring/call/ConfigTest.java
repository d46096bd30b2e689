package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingLayout;
import org.capring.ring.WakeupMode;

import org.junit.jupiter.api.Test;

/** Every rejection path of {@link ServerConfig} and {@link ClientConfig}, and that the withers keep the rest. */
class ConfigTest {
    private static final ServerConfig S = ServerConfig.defaults();
    private static final ClientConfig C = ClientConfig.defaults();

    private static void rejects(final Class<? extends Exception> type, final String fragment, final Runnable build) {
        final Exception e = assertThrows(type, build::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    /** The call runtime parks its reader and its callers: a POLL queue would hang them, so it is refused up front. */
    @Test
    void pollQueues_refusedByServerAndClient_ringLeftUsable() {
        try (Ring ring = Ring.allocate(RingLayout.builder().sqCapacity(64).sqProducers(ProducerMode.MULTI)
            .cqProducers(ProducerMode.MULTI).sqWakeup(WakeupMode.POLL).cqWakeup(WakeupMode.POLL).slots(4, 256, 256)
            .build())) {
            rejects(IllegalArgumentException.class, "SIGNAL", () -> RingServer.start(ring, new CapSet(4), S));
            rejects(IllegalArgumentException.class, "SIGNAL", () -> RingClient.open(ring, C));
            assertEquals(0, ring.openHandles(), "nothing was taken from the ring");
        }
    }

    @Test
    void serverConfig_outOfRange_rejectedNamingTheComponent() {
        rejects(NullPointerException.class, "dispatch", () -> S.withDispatch(null));
        rejects(NullPointerException.class, "shutdownGrace", () -> S.withShutdownGrace(null));
        rejects(IllegalArgumentException.class, "batch", () -> new ServerConfig(S.dispatch(), 0, S.endpointQueue(),
            S.traversalLimitWords(), S.nestingLimit(), S.shutdownGrace(), S.spinRounds()));
        rejects(IllegalArgumentException.class, "endpointQueue", () -> S.withEndpointQueue(1));
        rejects(IllegalArgumentException.class, "traversalLimitWords", () -> S.withReadLimits(0, 8));
        rejects(IllegalArgumentException.class, "nestingLimit", () -> S.withReadLimits(8, 0));
        rejects(IllegalArgumentException.class, "shutdownGrace", () -> S.withShutdownGrace(Duration.ofMillis(-1)));
        rejects(IllegalArgumentException.class, "spinRounds", () -> S.withSpinRounds(-1));
    }

    @Test
    void clientConfig_outOfRange_rejectedNamingTheComponent() {
        rejects(NullPointerException.class, "completion", () -> C.withCompletion(null));
        rejects(IllegalArgumentException.class, "reapBatch", () -> new ClientConfig(C.completion(), 0,
            C.releaseBatch(), C.traversalLimitWords(), C.nestingLimit(), C.spinRounds()));
        rejects(IllegalArgumentException.class, "releaseBatch", () -> C.withReleaseBatch(0));
        rejects(IllegalArgumentException.class, "read limits", () -> new ClientConfig(C.completion(), C.reapBatch(),
            C.releaseBatch(), 0, C.nestingLimit(), C.spinRounds()));
        rejects(IllegalArgumentException.class, "read limits", () -> new ClientConfig(C.completion(), C.reapBatch(),
            C.releaseBatch(), C.traversalLimitWords(), 0, C.spinRounds()));
        rejects(IllegalArgumentException.class, "spinRounds", () -> C.withSpinRounds(-1));
    }

    @Test
    void withers_changeOneComponentOnly() {
        assertEquals(new ServerConfig(S.dispatch(), S.batch(), S.endpointQueue(), S.traversalLimitWords(),
            S.nestingLimit(), S.shutdownGrace(), 0), S.withSpinRounds(0));
        assertEquals(new ClientConfig(C.completion(), C.reapBatch(), C.releaseBatch(), C.traversalLimitWords(),
            C.nestingLimit(), 7), C.withSpinRounds(7));
        assertEquals(ServerConfig.defaultSpinRounds(), S.spinRounds());
        assertEquals(ServerConfig.defaultSpinRounds(), C.spinRounds());
    }

    @Test
    void spinRoundsProperty_overridesTheDefault_andMalformedValuesAreRefused() {
        final String before = System.getProperty(ServerConfig.SPIN_ROUNDS_PROPERTY);
        try {
            System.clearProperty(ServerConfig.SPIN_ROUNDS_PROPERTY);
            assertEquals(ServerConfig.DEFAULT_SPIN_ROUNDS, ServerConfig.defaultSpinRounds());
            System.setProperty(ServerConfig.SPIN_ROUNDS_PROPERTY, " 17 ");
            assertEquals(17, ServerConfig.defaults().spinRounds());
            assertEquals(17, ClientConfig.defaults().spinRounds());
            for (final String bad : new String[] {"-1", "lots", ""}) {
                System.setProperty(ServerConfig.SPIN_ROUNDS_PROPERTY, bad);
                rejects(IllegalArgumentException.class, ServerConfig.SPIN_ROUNDS_PROPERTY, ServerConfig::defaults);
                rejects(IllegalArgumentException.class, ServerConfig.SPIN_ROUNDS_PROPERTY, ClientConfig::defaults);
            }
        } finally {
            if (before == null) {
                System.clearProperty(ServerConfig.SPIN_ROUNDS_PROPERTY);
            } else {
                System.setProperty(ServerConfig.SPIN_ROUNDS_PROPERTY, before);
            }
        }
    }
}
