package org.capring.stress.sut;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.capring.ring.ProducerMode;
import org.capring.ring.RingLayout;
import org.capring.ring.call.Call;
import org.capring.ring.call.CallException;
import org.capring.ring.call.DispatchMode;
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
 *   <li>slow consumer: the callers hold their answers uncollected at a {@link ReapGate}.</li>
 * </ul>
 * Revocation is not offered here: the container grants each client its services once and has no way to grant a
 * fresh handle after a release (the ring-core system covers it).
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

    /** One host with its client and stubs; replaced whole by a restart. */
    private record Host(ServiceHost host, ServiceClient client, Readiness<Echo.Client> echoService,
                        Readiness<KeyValue.Client> kvService, Echo.Client echo, KeyValue.Client kv) {
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
    private final ConcurrentHashMap<String, Long> store = new ConcurrentHashMap<>();
    private final AtomicInteger handoffs = new AtomicInteger();
    private ServerWork work;
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
        return EnumSet.of(Action.DRAIN, Action.HANDOFF, Action.FAILED_HANDOFF, Action.PAUSE_REAPING);
    }

    @Override
    public String describe() {
        return "service-core ServiceHost (Echo and KeyValue services, thread per call), one ServiceClient with "
            + config.slots() + " call slots; handoff = ServiceHost.handoff; drain = ServiceHost.stop + a new host";
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
        final ServiceClient client = host.connect("stress", echo, kv);
        return new Host(host, client, echo, kv, client.await(echo, READY_TIMEOUT), client.await(kv, READY_TIMEOUT));
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
        final Echo.Client.EchoCall call;
        try {
            call = h.echo().echo();
        } catch (final IllegalStateException closed) {
            trace.refusedUnsent(Status.SHUTTING_DOWN);
            return;
        }
        try (call) {
            call.params().setValue(id);
            submit(call.call(), trace);
            trace.completed(call.await().getValue());
        }
    }

    private void put(final Host h, final long id, final CallTrace trace) throws InterruptedException {
        final KeyValue.Client.PutCall call;
        try {
            call = h.kv().put();
        } catch (final IllegalStateException closed) {
            trace.refusedUnsent(Status.SHUTTING_DOWN);
            return;
        }
        try (call) {
            call.params().setKey(HarnessKeyValue.key(id));
            call.params().setValue(HarnessKeyValue.idBytes(id));
            submit(call.call(), trace);
            call.await();
            trace.completed(id);
        }
    }

    private void get(final Host h, final long id, final CallTrace trace) throws InterruptedException {
        final KeyValue.Client.GetCall call;
        try {
            call = h.kv().get();
        } catch (final IllegalStateException closed) {
            trace.refusedUnsent(Status.SHUTTING_DOWN);
            return;
        }
        try (call) {
            call.params().setKey(HarnessKeyValue.key(id));
            submit(call.call(), trace);
            call.await();
            trace.completed(id);
        }
    }

    private void submit(final Call call, final CallTrace trace) throws InterruptedException {
        trace.sending(0);
        call.send();
        trace.sent();
        reaping.pass();
    }

    @Override
    public ActionReport drainAndRestart(final Duration grace) throws InterruptedException {
        final Host old = current;
        final StopReport stopped = old.host().stop(grace.plus(STOP_SLACK));
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
            final HandoffReport r = echo ? h.host().handoff(h.echoService(), next)
                : h.host().handoff(h.kvService(), next);
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
    public RevocationReport revoke() {
        throw new UnsupportedOperationException("the service container grants a client its services once; "
            + "revocation runs on the ring-core system");
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
        final StopReport stopped = h.host().stop(grace.plus(STOP_SLACK));
        final ActionReport last = report(Action.DRAIN, stopped.services(), stopped.deadlineMet(), "final stop");
        long leaked = 0;
        long tasks = 0;
        for (final DrainReport d : stopped.services()) {
            leaked += d.contextsLeaked();
            for (final TaskReport task : d.tasks()) {
                tasks += task.stuck();
            }
        }
        final int held = h.client().ringClient().slotCount() - h.client().ringClient().freeSlots();
        return new Leftovers(held, last.stuck(), leaked, tasks, last.detail() + "; host " + h.host().state()
            + ", client ring " + h.client().ringClient().state());
    }

}
