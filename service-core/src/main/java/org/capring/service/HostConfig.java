package org.capring.service;

import java.time.Duration;
import java.util.Objects;

import org.capring.ring.ProducerMode;
import org.capring.ring.RingLayout;
import org.capring.ring.call.ClientConfig;
import org.capring.ring.call.ServerConfig;

/**
 * How a {@link ServiceHost} stops and how it builds the rings its holders call through; immutable, validated when
 * built.
 *
 * <p>Each holder (a service with dependencies, a {@link ServiceClient}, and the host's own probe ring) gets a ring of
 * {@link #ring()}'s layout served by a {@code RingServer} of {@link #server()}'s configuration: the capabilities the
 * holder declared are granted into that ring's CapSet and nothing else.
 *
 * @param stopDeadline  the one deadline of {@link ServiceHost#stop()}: every service's drain, tasks and clean-up fit
 *                      in it (default {@value #DEFAULT_STOP_DEADLINE_MILLIS} ms)
 * @param ring          layout of every holder's ring (default: SQ of {@value #DEFAULT_SQ_CAPACITY}, multi-producer,
 *                      {@value #DEFAULT_SLOTS} call slots of {@value #DEFAULT_SLOT_BYTES} bytes of params and of
 *                      results); its SQ and CQ must be multi-producer
 * @param server        configuration of every holder's {@code RingServer} (default {@link ServerConfig#defaults()}:
 *                      an endpoint loop per capability)
 * @param client        configuration of every holder's {@code RingClient} (default {@link ClientConfig#defaults()})
 * @param shutdownHook  whether {@link ServiceHost#start()} registers a JVM shutdown hook that turns SIGTERM and
 *                      SIGINT (and a normal exit) into a graceful {@link ServiceHost#stop()} (default false)
 */
public record HostConfig(Duration stopDeadline, RingLayout ring, ServerConfig server, ClientConfig client,
                         boolean shutdownHook) {
    /** Default {@link #stopDeadline()}, in milliseconds. */
    public static final long DEFAULT_STOP_DEADLINE_MILLIS = 30_000;
    /** Default SQ capacity of a holder's ring. */
    public static final int DEFAULT_SQ_CAPACITY = 256;
    /** Default call slots of a holder's ring. */
    public static final int DEFAULT_SLOTS = 64;
    /** Default params and result bytes per call slot. */
    public static final int DEFAULT_SLOT_BYTES = 4096;

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the stop deadline is not positive, or the ring's SQ or CQ is
     *                                  single-producer, or it has no call slots
     */
    public HostConfig {
        Objects.requireNonNull(stopDeadline, "stopDeadline");
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(client, "client");
        if (stopDeadline.isNegative() || stopDeadline.isZero()) {
            throw new IllegalArgumentException("stopDeadline must be positive: " + stopDeadline);
        }
        if (ring.sqProducers() != ProducerMode.MULTI || ring.cqProducers() != ProducerMode.MULTI) {
            throw new IllegalArgumentException("a holder's ring is called from many threads and completed from many:"
                + " its SQ and CQ must be " + ProducerMode.MULTI);
        }
        if (ring.slotCount() < 1) {
            throw new IllegalArgumentException("a holder's ring needs call slots");
        }
    }

    /** @return the defaults */
    public static HostConfig defaults() {
        return new HostConfig(Duration.ofMillis(DEFAULT_STOP_DEADLINE_MILLIS), RingLayout.builder()
            .sqCapacity(DEFAULT_SQ_CAPACITY).sqProducers(ProducerMode.MULTI)
            .slots(DEFAULT_SLOTS, DEFAULT_SLOT_BYTES, DEFAULT_SLOT_BYTES).build(), ServerConfig.defaults(),
            ClientConfig.defaults(), false);
    }

    /**
     * @param deadline the stop deadline
     * @return a copy with it
     */
    public HostConfig withStopDeadline(final Duration deadline) {
        return new HostConfig(deadline, ring, server, client, shutdownHook);
    }

    /**
     * @param layout every holder's ring layout
     * @return a copy with it
     */
    public HostConfig withRing(final RingLayout layout) {
        return new HostConfig(stopDeadline, layout, server, client, shutdownHook);
    }

    /**
     * @param config every holder's server configuration
     * @return a copy with it
     */
    public HostConfig withServer(final ServerConfig config) {
        return new HostConfig(stopDeadline, ring, config, client, shutdownHook);
    }

    /**
     * @param config every holder's client configuration
     * @return a copy with it
     */
    public HostConfig withClient(final ClientConfig config) {
        return new HostConfig(stopDeadline, ring, server, config, shutdownHook);
    }

    /**
     * @param install whether to turn SIGTERM and SIGINT into a graceful stop
     * @return a copy with it
     */
    public HostConfig withShutdownHook(final boolean install) {
        return new HostConfig(stopDeadline, ring, server, client, install);
    }
}
