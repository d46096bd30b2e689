package org.capring.stress.sut;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingLayout;
import org.capring.ring.call.CallException;
import org.capring.ring.call.CapSet;
import org.capring.ring.call.Capability;
import org.capring.ring.call.ClientConfig;
import org.capring.ring.call.DispatchMode;
import org.capring.ring.call.DrainResult;
import org.capring.ring.call.RingClient;
import org.capring.ring.call.RingServer;
import org.capring.ring.call.ServerConfig;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.capring.schema.kv.KvProtocol.KeyValue;

/**
 * The system under test on plain ring-core: one ring, one {@link RingServer} serving Echo and KeyValue through the
 * generated skeletons, one {@link RingClient} calling them through the generated stubs.
 *
 * <ul>
 *   <li>drain: {@link RingServer#shutdown} (new calls refused SHUTTING_DOWN, calls in flight finish or are
 *       cancelled after the grace), then a new server on the same ring and CapSet; entries submitted meanwhile wait
 *       in the SQ for it;</li>
 *   <li>revoke: the client releases its Echo handle through the ring (a RELEASE entry, which the server's reader
 *       applies to the CapSet in submission order), then the server grants a fresh handle;</li>
 *   <li>slow consumer: callers hold their answers uncollected at a {@link ReapGate}, so nobody reaps the CQ and
 *       the call slots run out (backpressure);</li>
 *   <li>hung handler: a handler that waits until it is interrupted; with {@link DispatchMode#THREAD_PER_CALL} (the
 *       default) it holds only its own thread, so nothing else waits behind it.</li>
 * </ul>
 * Handoffs need a service container and are not supported here.
 *
 * <p><b>Threads.</b> {@link #call} from any number of threads; actions from one driver thread.
 */
public final class RingCoreSystem implements SystemUnderTest {
    private static final Duration JOIN_SLACK = Duration.ofSeconds(5);

    /**
     * How the ring-core system is built.
     *
     * @param slots    client call slots (the backpressure bound)
     * @param dispatch how the server runs handlers
     */
    public record Config(int slots, DispatchMode dispatch) {
        /** Default call slots. */
        public static final int DEFAULT_SLOTS = RingLayout.DEFAULT_SLOT_COUNT;

        /**
         * @throws IllegalArgumentException if slots is not in [1, 4096]
         * @throws NullPointerException     if dispatch is null
         */
        public Config {
            if (slots < 1 || slots > 4096) {
                throw new IllegalArgumentException("slots must be in [1, 4096]: " + slots);
            }
            Objects.requireNonNull(dispatch, "dispatch");
        }

        /** @return {@value #DEFAULT_SLOTS} slots, a thread per call */
        public static Config defaults() {
            return new Config(DEFAULT_SLOTS, DispatchMode.THREAD_PER_CALL);
        }
    }

    /** The handles the load names; replaced whole by a revocation. */
    private record Handles(int epoch, int echoHandle, Echo.Client echo) {
    }

    private final Config config;
    private final ReapGate reaping = new ReapGate();
    private final StubCalls calls = new StubCalls(reaping);
    private final ConcurrentHashMap<String, Long> store = new ConcurrentHashMap<>();
    private Ring ring;
    private CapSet caps;
    private Capability echoCapability;
    private RingClient client;
    private KeyValue.Client kv;
    private volatile Handles handles;
    private volatile RingServer server;
    private ServerConfig serverConfig;

    /**
     * @param config how to build it
     */
    public RingCoreSystem(final Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "ring-core";
    }

    @Override
    public Set<Action> supports() {
        return EnumSet.of(Action.DRAIN, Action.REVOKE, Action.PAUSE_REAPING);
    }

    @Override
    public String describe() {
        return "ring-core RingServer/RingClient, " + config.slots() + " call slots, " + config.dispatch()
            + " dispatch; drain = shutdown + new server on the same ring; revoke = RELEASE through the ring";
    }

    @Override
    public void start(final ServerWork work) {
        Objects.requireNonNull(work, "work");
        ring = Ring.allocate(RingLayout.builder().sqCapacity(1024).sqProducers(ProducerMode.MULTI)
            .slots(config.slots(), RingLayout.DEFAULT_REGION_BYTES, RingLayout.DEFAULT_REGION_BYTES).build());
        caps = new CapSet(1024);
        echoCapability = Echo.capability("echo", new HarnessEcho(work));
        final int echoHandle = caps.grant(echoCapability);
        final int kvHandle = caps.grant(KeyValue.capability("kv", new HarnessKeyValue(work, store)));
        serverConfig = ServerConfig.defaults().withDispatch(config.dispatch());
        server = RingServer.start(ring, caps, serverConfig);
        client = RingClient.open(ring, ClientConfig.defaults());
        kv = new KeyValue.Client(client, kvHandle);
        handles = new Handles(1, echoHandle, new Echo.Client(client, echoHandle));
    }

    @Override
    public void call(final long id, final Operation op, final CallTrace trace) throws InterruptedException {
        try {
            switch (op) {
                case ECHO -> echo(id, trace);
                case KV_PUT -> calls.put(kv.put(), id, trace);
                case KV_GET -> calls.get(kv.get(), id, trace);
            }
        } catch (final CallException e) {
            trace.failed(e);
        }
    }

    private void echo(final long id, final CallTrace trace) throws InterruptedException {
        final Handles h = handles;
        calls.echo(h.echo().echo(), id, h.epoch(), trace);
    }

    @Override
    public ActionReport drainAndRestart(final Duration grace) throws InterruptedException {
        final RingServer old = server;
        final DrainResult result = old.shutdown(grace);
        final boolean ended = old.awaitTermination(grace.plus(JOIN_SLACK));
        final long inFlight = result.drained() + result.cancelled() + result.stuck();
        if (!ended) {
            return new ActionReport(Action.DRAIN, false, inFlight, result.drained(), result.cancelled(),
                result.refused(), result.stuck(), "the drained server's threads did not end: " + old.activeThreads()
                + " alive, so no new server can take the ring");
        }
        server = RingServer.start(ring, caps, serverConfig);
        return new ActionReport(Action.DRAIN, result.stuck() == 0, inFlight, result.drained(), result.cancelled(),
            result.refused(), result.stuck(), "shutdown " + result + ", new server started");
    }

    @Override
    public ActionReport handoff(final boolean newInstanceFails, final Duration grace) {
        throw new UnsupportedOperationException("ring-core has no service container to hand off between; "
            + "handoffs need the service-core system");
    }

    @Override
    public RevocationReport revoke() {
        final Handles old = handles;
        final long began = System.nanoTime();
        client.capRef(old.echoHandle()).close();
        client.flushReleases();
        final long ended = System.nanoTime();
        final int fresh = caps.grant(echoCapability);
        // Volatile store: callers that read the handles from now on name the fresh handle.
        handles = new Handles(old.epoch() + 1, fresh, new Echo.Client(client, fresh));
        return new RevocationReport(old.epoch(), began, ended);
    }

    @Override
    public void pauseReaping() {
        reaping.pause();
    }

    @Override
    public void resumeReaping() {
        reaping.resume();
    }

    @Override
    public Leftovers stop(final Duration grace) throws InterruptedException {
        reaping.resume();
        final RingServer last = server;
        final DrainResult result = last.shutdown(grace);
        final boolean ended = last.awaitTermination(grace.plus(JOIN_SLACK));
        final int held = client.slotCount() - client.freeSlots();
        client.close();
        final boolean clientEnded = client.state() == RingClient.State.TERMINATED;
        ring.close();
        final long threads = (ended ? 0 : last.activeThreads()) + (clientEnded ? 0 : 1);
        return new Leftovers(held, threads, Leftovers.NOT_APPLICABLE, Leftovers.NOT_APPLICABLE,
            "final shutdown " + result + "; client " + client.state() + ", " + client.freeSlots() + "/"
                + client.slotCount() + " slots free; ring memory released: " + ring.isMemoryReleased());
    }

}
