package org.capring.stress.sut;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.capring.ring.ProducerMode;
import org.capring.ring.RingLayout;
import org.capring.ring.call.CallException;
import org.capring.ring.call.DispatchMode;
import org.capring.ring.call.RingClient;
import org.capring.ring.call.ServerConfig;
import org.capring.ring.call.Status;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.capring.schema.kv.KvProtocol.KeyValue;
import org.capring.service.DrainReport;
import org.capring.service.Export;
import org.capring.service.HandoffReport;
import org.capring.service.HostConfig;
import org.capring.service.MethodTable;
import org.capring.service.Readiness;
import org.capring.service.ServiceClient;
import org.capring.service.ServiceConfig;
import org.capring.service.ServiceDefinition;
import org.capring.service.ServiceException;
import org.capring.service.ServiceHost;
import org.capring.service.ServiceInstance;
import org.capring.service.StopReport;
import org.capring.service.task.TaskReport;

/**
 * The system under test on the service container: a {@link ServiceHost} serving an Echo and a KeyValue service
 * (the generated skeletons as their instances' capabilities), and a {@link ServiceClient} calling them through the
 * generated stubs. The services' state (the key-value map) lives outside their instances, so it survives handoffs
 * and restarts.
 *
 * <ul>
 *   <li>handoff: {@link ServiceHost#handoff} to a new instance, alternately of Echo and of KeyValue: the new one
 *       starts and answers its probe, the binding is retargeted, the old one drains ({@link DrainReport});</li>
 *   <li>failed handoff: the new instance throws from its start; the host must answer
 *       {@link ServiceException.HandoffFailed} ({@code START_FAILED}) and leave the old one serving;</li>
 *   <li>drain: {@link ServiceHost#stop} (every service drains: new calls refused SHUTTING_DOWN, calls in flight
 *       finish within the grace or are cancelled, contexts and tasks accounted), then a new host with the same
 *       services and a new client; the load moves to it. A call that finds the old client's ring already closed
 *       before it could take a slot was refused before anything was sent: it is reported SHUTTING_DOWN, not
 *       dispatched (and the ledger checks it never ran);</li>
 *   <li>revoke: the Echo calls go through a client of their own, one per handle epoch. A revocation first connects
 *       the next epoch's client (the host grants it Echo: a fresh handle in a CapSet of its own), then the current
 *       client releases its Echo handle through its ring (a RELEASE entry, applied to its CapSet in submission
 *       order, so every call submitted after it is refused INVALID_HANDLE), then the load moves to the new client.
 *       A revoked client is closed once no caller holds it ({@link EchoGrant});</li>
 *   <li>slow consumer: the callers hold their answers uncollected at a {@link ReapGate}.</li>
 * </ul>
 *
 * <p><b>Threads.</b> {@link #call} from any number of threads; actions from one driver thread.
 */
public final class ServiceCoreSystem implements SystemUnderTest {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_SLACK = Duration.ofSeconds(5);

    /**
     * How the service-core system is built.
     *
     * @param slots call slots of the client's ring
     * @param grace drain grace of both services (handoffs and restarts)
     */
    public record Config(int slots, Duration grace) {
        /**
         * @throws IllegalArgumentException if slots is not in [1, 4096] or the grace is negative
         */
        public Config {
            if (slots < 1 || slots > 4096) {
                throw new IllegalArgumentException("slots must be in [1, 4096]: " + slots);
            }
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must not be negative: " + grace);
            }
        }
    }

    /**
     * One host with its clients and stubs; replaced whole by a restart. KeyValue calls go through {@code client};
     * Echo calls through the client of the current {@link EchoGrant}. The driver alone writes {@code echo} and
     * {@code revoked}.
     */
    private static final class Host {
        private final ServiceHost host;
        private final ServiceClient client;
        private final Readiness<Echo.Client> echoService;
        private final Readiness<KeyValue.Client> kvService;
        private final KeyValue.Client kv;
        /** Revoked Echo clients not closed yet (a caller still held them). Driver only. */
        private final List<EchoGrant> revoked = new ArrayList<>();
        private volatile EchoGrant echo;

        Host(final ServiceHost host, final ServiceClient client, final Readiness<Echo.Client> echoService,
             final Readiness<KeyValue.Client> kvService, final KeyValue.Client kv, final EchoGrant echo) {
            this.host = host;
            this.client = client;
            this.echoService = echoService;
            this.kvService = kvService;
            this.kv = kv;
            this.echo = echo;
        }

        /** @return every client of the host: the KeyValue one, the current Echo one, revoked ones not closed */
        List<ServiceClient> clients() {
            final List<ServiceClient> all = new ArrayList<>();
            all.add(client);
            all.add(echo.client);
            for (final EchoGrant g : revoked) {
                all.add(g.client);
            }
            return all;
        }
    }

    /**
     * The Echo handle of one epoch: a client connected for it alone, and its stub.
     *
     * <p><b>Protocol.</b> A caller {@link #enter}s before it takes a slot and {@link #exit}s once its call has ended;
     * the driver, after it moved the load to the next epoch, {@link #retire}s this one and closes its client only
     * when nobody is inside. {@code users} and {@code retired} are both volatile (sequentially consistent): either a
     * caller sees {@code retired} and goes to the current grant instead, or the driver sees it inside and leaves the
     * client open for a later try; a client is never closed under a call.
     */
    private static final class EchoGrant {
        private final int epoch;
        private final ServiceClient client;
        private final Echo.Client stub;
        private final AtomicInteger users = new AtomicInteger();
        private volatile boolean retired;

        EchoGrant(final int epoch, final ServiceClient client, final Echo.Client stub) {
            this.epoch = epoch;
            this.client = client;
            this.stub = stub;
        }

        /** @return true if the caller is inside (exit once); false if retired (take the current grant instead) */
        boolean enter() {
            users.incrementAndGet();
            if (retired) {
                users.decrementAndGet();
                return false;
            }
            return true;
        }

        void exit() {
            users.decrementAndGet();
        }

        /** Driver: no caller enters from now on. @return true if none is inside (the client may close) */
        boolean retire() {
            // Volatile store: callers that enter from now on see it and leave.
            retired = true;
            return users.get() == 0;
        }
    }

    private static final Export<Echo.Client> ECHO = new Export<>(Echo.TYPE_ID,
        MethodTable.of(Echo.class).idempotent(Echo.METHOD_ECHO), Echo.Client::new, (echo, deadline) -> {
            try (Echo.Client.EchoCall call = echo.echo(deadline)) {
                call.params().setValue(HarnessEcho.PROBE_VALUE);
                call.invoke();
            }
        });

    private static final Export<KeyValue.Client> KV = new Export<>(KeyValue.TYPE_ID,
        MethodTable.of(KeyValue.class).idempotent(KeyValue.METHOD_GET), KeyValue.Client::new, (kv, deadline) -> {
            try (KeyValue.Client.GetCall call = kv.get(deadline)) {
                call.params().setKey(HarnessKeyValue.PROBE_KEY);
                call.invoke();
            } catch (final KeyValue.NotFoundException answered) {
                // an answer: READY
            }
        });

    private final Config config;
    private final ReapGate reaping = new ReapGate();
    private final StubCalls calls = new StubCalls(reaping);
    private final ConcurrentHashMap<String, Long> store = new ConcurrentHashMap<>();
    private final AtomicInteger handoffs = new AtomicInteger();
    private ServerWork work;
    /** The Echo handle epoch: 1, then one more per revocation; a restart keeps it. Driver only. */
    private int epoch = 1;
    private volatile Host current;

    /**
     * @param config how to build it
     */
    public ServiceCoreSystem(final Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return "service-core";
    }

    @Override
    public Set<Action> supports() {
        return EnumSet.allOf(Action.class);
    }

    @Override
    public String describe() {
        return "service-core ServiceHost (Echo and KeyValue services, thread per call), a ServiceClient for KeyValue "
            + "and one per Echo handle epoch, " + config.slots() + " call slots each; handoff = ServiceHost.handoff; drain = ServiceHost.stop"
            + " + a new host; revoke = RELEASE of the Echo client's handle + a new client granted Echo";
    }

    @Override
    public void start(final ServerWork serverWork) throws InterruptedException {
        this.work = Objects.requireNonNull(serverWork, "serverWork");
        current = boot();
    }

    private Host boot() throws InterruptedException {
        final ServerConfig server = ServerConfig.defaults().withDispatch(DispatchMode.THREAD_PER_CALL);
        final HostConfig hostConfig = HostConfig.defaults().withServer(server).withRing(RingLayout.builder()
            .sqCapacity(1024).sqProducers(ProducerMode.MULTI)
            .slots(config.slots(), RingLayout.DEFAULT_REGION_BYTES, RingLayout.DEFAULT_REGION_BYTES).build());
        final ServiceHost host = ServiceHost.create(hostConfig);
        final ServiceConfig service = ServiceConfig.defaults().withDrainGrace(config.grace());
        final Readiness<Echo.Client> echo = host.add(ServiceDefinition.of("echo", ECHO, echoInstance())
            .withConfig(service));
        final Readiness<KeyValue.Client> kv = host.add(ServiceDefinition.of("kv", KV, kvInstance())
            .withConfig(service));
        host.start();
        final ServiceClient client = host.connect("stress-kv", kv);
        return new Host(host, client, echo, kv, client.await(kv, READY_TIMEOUT), connectEcho(host, echo, epoch));
    }

    /** Connects the client of one Echo epoch: the host grants it Echo, a fresh handle in its own CapSet. */
    private static EchoGrant connectEcho(final ServiceHost host, final Readiness<Echo.Client> echo,
                                         final int echoEpoch) throws InterruptedException {
        final ServiceClient client = host.connect("stress-echo-" + echoEpoch, echo);
        try {
            return new EchoGrant(echoEpoch, client, client.await(echo, READY_TIMEOUT));
        } catch (final RuntimeException | InterruptedException e) {
            client.close();
            throw e;
        }
    }

    private ServiceInstance echoInstance() {
        return context -> List.of(Echo.capability("echo-" + context.instance(), new HarnessEcho(work)));
    }

    private ServiceInstance kvInstance() {
        return context -> List.of(KeyValue.capability("kv-" + context.instance(), new HarnessKeyValue(work, store)));
    }

    @Override
    public void call(final long id, final Operation op, final CallTrace trace) throws InterruptedException {
        final Host h = current;
        try {
            switch (op) {
                case ECHO -> echo(h, id, trace);
                case KV_PUT -> put(h, id, trace);
                case KV_GET -> get(h, id, trace);
            }
        } catch (final CallException e) {
            trace.failed(e);
        }
    }

    private void echo(final Host h, final long id, final CallTrace trace) throws InterruptedException {
        EchoGrant g = h.echo;
        while (!g.enter()) {
            g = h.echo; // revoked and retired meanwhile: the current epoch's client serves
        }
        try {
            final Echo.Client.EchoCall call;
            try {
                call = g.stub.echo();
            } catch (final IllegalStateException e) {
                refusedIfClosed(g.stub.ringClient(), e, trace);
                return;
            }
            calls.echo(call, id, g.epoch, trace);
        } finally {
            g.exit();
        }
    }

    private void put(final Host h, final long id, final CallTrace trace) throws InterruptedException {
        final KeyValue.Client.PutCall call;
        try {
            call = h.kv.put();
        } catch (final IllegalStateException e) {
            refusedIfClosed(h.kv.ringClient(), e, trace);
            return;
        }
        calls.put(call, id, trace);
    }

    private void get(final Host h, final long id, final CallTrace trace) throws InterruptedException {
        final KeyValue.Client.GetCall call;
        try {
            call = h.kv.get();
        } catch (final IllegalStateException e) {
            refusedIfClosed(h.kv.ringClient(), e, trace);
            return;
        }
        calls.get(call, id, trace);
    }

    /**
     * A call that could not take a slot because its client's ring had closed (the host stopped, closing its clients):
     * refused before anything was sent. Any other reason is not a refusal and is rethrown.
     */
    private static void refusedIfClosed(final RingClient ring, final IllegalStateException e, final CallTrace trace) {
        if (!ring.isClosed()) {
            throw e;
        }
        trace.refusedUnsent(Status.SHUTTING_DOWN);
    }

    @Override
    public ActionReport drainAndRestart(final Duration grace) throws InterruptedException {
        final Host old = current;
        final StopReport stopped = old.host.stop(grace.plus(STOP_SLACK));
        current = boot();
        return report(Action.DRAIN, stopped.services(), stopped.deadlineMet(), "host stopped in "
            + stopped.stopNanos() / 1000 + " µs, a new host started");
    }

    @Override
    public ActionReport handoff(final boolean newInstanceFails, final Duration grace) {
        final Host h = current;
        final boolean echo = handoffs.getAndIncrement() % 2 == 0;
        final ServiceInstance next = newInstanceFails ? context -> {
            throw new IllegalStateException("injected: the new instance fails its start");
        } : echo ? echoInstance() : kvInstance();
        try {
            final HandoffReport r = echo ? h.host.handoff(h.echoService, next)
                : h.host.handoff(h.kvService, next);
            if (newInstanceFails) {
                return new ActionReport(Action.FAILED_HANDOFF, false, 0, 0, 0, 0, 0,
                    "a new instance that throws from its start was made READY: " + r);
            }
            final ActionReport drained = report(Action.HANDOFF, List.of(r.oldStopped()), true, "");
            return new ActionReport(Action.HANDOFF, drained.succeeded(), drained.inFlightAtStart(), drained.drained(),
                drained.cancelled(), drained.refused(), drained.stuck(), r.service() + " " + r.oldInstance() + " -> "
                + r.newInstance() + ": ready in " + r.readyNanos() / 1000 + " µs, swap " + r.swapNanos() / 1000
                + " µs; " + drained.detail());
        } catch (final ServiceException.HandoffFailed e) {
            final boolean expected = newInstanceFails && e.reason() == ServiceException.HandoffFailure.START_FAILED;
            return new ActionReport(newInstanceFails ? Action.FAILED_HANDOFF : Action.HANDOFF, expected, 0, 0, 0, 0, 0,
                (echo ? "echo" : "kv") + ": " + e.reason() + (expected ? ", the old instance serves on" : ": " + e));
        }
    }

    /** Adds up the drains of the instances that stopped; the action failed if any leaked or is stuck. */
    private static ActionReport report(final Action action, final List<DrainReport> drains, final boolean deadlineMet,
                                       final String what) {
        long inFlight = 0;
        long drained = 0;
        long cancelled = 0;
        long refused = 0;
        long stuck = 0;
        long leaked = 0;
        long tasksStuck = 0;
        boolean failed = false;
        for (final DrainReport d : drains) {
            inFlight += d.inFlightAtStart();
            drained += d.calls().drained();
            cancelled += d.calls().cancelled();
            refused += d.calls().refused();
            stuck += d.calls().stuck() + d.calls().threadsAlive();
            leaked += d.contextsLeaked();
            for (final TaskReport task : d.tasks()) {
                tasksStuck += task.stuck();
            }
            failed |= d.failure() != null;
        }
        final boolean ok = deadlineMet && stuck == 0 && leaked == 0 && tasksStuck == 0 && !failed;
        return new ActionReport(action, ok, inFlight, drained, cancelled, refused, stuck, what
            + (what.isEmpty() ? "" : "; ") + "drained " + drained + ", cancelled " + cancelled + ", refused " + refused
            + ", stuck " + stuck + ", contexts leaked " + leaked + ", tasks stuck " + tasksStuck
            + (deadlineMet ? "" : ", deadline missed") + (failed ? ", a stop failed" : ""));
    }

    @Override
    public RevocationReport revoke() throws InterruptedException {
        final Host h = current;
        final EchoGrant old = h.echo;
        final EchoGrant next = connectEcho(h.host, h.echoService, old.epoch + 1);
        final long began = System.nanoTime();
        final RingClient ring = old.stub.ringClient();
        ring.capRef(old.stub.handle()).close();
        ring.flushReleases();
        final long ended = System.nanoTime();
        // Volatile store: callers that read the grant from now on name the fresh handle.
        h.echo = next;
        requireRevoked(old);
        epoch = next.epoch;
        h.revoked.add(old);
        h.revoked.removeIf(g -> {
            if (g.retire()) {
                g.client.close(STOP_SLACK);
                return true;
            }
            return false;
        });
        return new RevocationReport(old.epoch, began, ended);
    }

    /**
     * Proves the revocation real: one probe call on the released handle, submitted after the RELEASE, must be
     * refused INVALID_HANDLE (the probe's value runs no harness work, so the ledger never sees it).
     *
     * @throws IllegalStateException if the released handle still answered, or answered otherwise
     */
    private static void requireRevoked(final EchoGrant old) throws InterruptedException {
        try (Echo.Client.EchoCall probe = old.stub.echo(System.nanoTime() + READY_TIMEOUT.toNanos())) {
            probe.params().setValue(HarnessEcho.PROBE_VALUE);
            probe.invoke();
        } catch (final CallException e) {
            if (e.status() == Status.INVALID_HANDLE) {
                return;
            }
            throw new IllegalStateException("epoch " + old.epoch + ": a call on the released Echo handle was answered "
                + Status.name(e.status()) + ", not INVALID_HANDLE", e);
        }
        throw new IllegalStateException("epoch " + old.epoch + ": the released Echo handle still answered a call");
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
    public Leftovers stop(final Duration grace) {
        reaping.resume();
        final Host h = current;
        final List<ServiceClient> clients = h.clients();
        final StopReport stopped = h.host.stop(grace.plus(STOP_SLACK));
        final ActionReport last = report(Action.DRAIN, stopped.services(), stopped.deadlineMet(), "final stop");
        long leaked = 0;
        long tasks = 0;
        for (final DrainReport d : stopped.services()) {
            leaked += d.contextsLeaked();
            for (final TaskReport task : d.tasks()) {
                tasks += task.stuck();
            }
        }
        long held = 0;
        final StringBuilder rings = new StringBuilder();
        for (final ServiceClient c : clients) {
            final RingClient ring = c.ringClient();
            held += ring.slotCount() - ring.freeSlots();
            rings.append(rings.isEmpty() ? "" : ", ").append(c.name()).append(' ').append(ring.state());
        }
        return new Leftovers(held, last.stuck(), leaked, tasks, last.detail() + "; host " + h.host.state()
            + ", client rings: " + rings);
    }
}
