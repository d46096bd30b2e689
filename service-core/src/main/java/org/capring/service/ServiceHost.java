package org.capring.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.capring.ring.concurrent.StateMachine;
import org.capring.ring.concurrent.VirtualThreads;
import org.capring.service.metrics.HostMetrics;
import org.capring.service.metrics.ServiceMetrics;

/**
 * The services of one process: added with their typed dependencies, started in dependency order (independent ones
 * concurrently), stopped in reverse order with one overall deadline, handed off live one at a time, and observed
 * through {@link #metrics()}.
 *
 * {@snippet :
 * ServiceHost host = ServiceHost.create(HostConfig.defaults().withShutdownHook(true));
 * Readiness<KeyValue.Client> journal = host.add(journalDefinition);
 * Readiness<KeyValue.Client> store = host.add(storeDefinition, journal);    // store depends on journal
 * host.start();                                                             // journal READY, then store
 * try (ServiceClient client = host.connect("frontend", store)) {
 *     KeyValue.Client kv = client.await(store, Duration.ofSeconds(5));
 *     ...
 *     host.handoff(store, new StoreInstance());                             // live upgrade
 * }
 * StopReport report = host.stop();                                          // store drains, then journal
 * }
 *
 * <p><b>Start.</b> {@link #start()} first refuses a dependency cycle, naming it, before anything starts. Each service
 * then starts on its own virtual thread as soon as every service it depends on is READY; a service whose dependency
 * FAILED never starts and fails with {@link ServiceException.DependencyFailed} naming it. READY means the instance's
 * probe call answered through a ring. If any service failed, every service that did start is stopped again in
 * reverse order and {@code start()} throws {@link ServiceException.StartFailed} with that first failure as its cause
 * and each rollback failure suppressed.
 *
 * <p><b>Stop.</b> {@link #stop()} stops each service once every service depending on it has stopped (dependents
 * first; independent services concurrently), each drain cut to fit the one deadline ({@link HostConfig#stopDeadline()}),
 * then closes the host's clients and its probe ring. A JVM shutdown hook (SIGTERM, SIGINT, a normal exit) runs the
 * same stop when {@link HostConfig#shutdownHook()} is set; it is a hook and not a {@code sun.misc.Signal} handler
 * because it needs no internal API and keeps the JVM's own handling of the signals (the JVM exits once the stop
 * returned).
 *
 * <p><b>Threads.</b> Thread-safe; start, stop and handoffs of one service serialize. All threads the host starts are
 * named virtual threads of one {@link VirtualThreads} factory (uncaught exceptions logged).
 */
public final class ServiceHost {
    private static final System.Logger LOG = System.getLogger(ServiceHost.class.getName());
    private static final AtomicInteger HOSTS = new AtomicInteger();

    /** A host's lifecycle. */
    public enum State {
        /** Services may be added. */
        NEW,
        /** {@link #start()} runs. */
        STARTING,
        /** Every service is READY. */
        RUNNING,
        /** {@link #stop()} runs. */
        STOPPING,
        /** Stopped; never starts again. */
        STOPPED,
        /** A start failed and was rolled back; never starts again. */
        FAILED
    }

    private final HostConfig config;
    private final String name;
    private final HostMetrics metrics = new HostMetrics();
    private final List<ServiceUnit<?>> units = new CopyOnWriteArrayList<>();
    private final List<ServiceClient> clients = new CopyOnWriteArrayList<>();
    private final StateMachine<State> life;
    private final ReentrantLock lock = new ReentrantLock();
    private final VirtualThreads threads;
    private volatile RingLink probes;
    private volatile Thread shutdownHook;

    private ServiceHost(final HostConfig config) {
        this.config = config;
        this.name = "capring-host-" + HOSTS.incrementAndGet();
        this.threads = new VirtualThreads(name, null);
        this.life = StateMachine.builder(name, State.NEW)
            .allow(State.NEW, State.STARTING, State.STOPPING)
            .allow(State.STARTING, State.RUNNING, State.FAILED)
            .allow(State.RUNNING, State.STOPPING)
            .allow(State.STOPPING, State.STOPPED)
            .build();
    }

    /**
     * @param config the host's configuration
     * @return a host with no services
     */
    public static ServiceHost create(final HostConfig config) {
        return new ServiceHost(Objects.requireNonNull(config, "config"));
    }

    HostConfig config() {
        return config;
    }

    VirtualThreads threads() {
        return threads;
    }

    RingLink probeLink() {
        final RingLink link = probes;
        if (link == null) {
            throw new IllegalStateException(name + ": not started, no probe ring");
        }
        return link;
    }

    /** @return the host's lifecycle state (a snapshot) */
    public State state() {
        return life.state();
    }

    /** @return every service's metrics: Prometheus text, HTTP endpoint, interval logs */
    public HostMetrics metrics() {
        return metrics;
    }

    /**
     * Adds a service that depends on {@code dependencies}: it starts after them and stops before them, and may be
     * granted their capabilities (and no others) through its {@link StartContext}.
     *
     * @param service      the service
     * @param dependencies handles of services added to this host
     * @param <T>          the service's stub type
     * @return the service's handle
     * @throws ServiceException.AlreadyStarted    if the host was started
     * @throws ServiceException.DuplicateName     if the host has a service of that name
     * @throws ServiceException.UnknownDependency if a dependency belongs to another host
     */
    public <T> Readiness<T> add(final ServiceDefinition<T> service, final Readiness<?>... dependencies) {
        Objects.requireNonNull(service, "service");
        lock.lock();
        try {
            requireNew("add " + service.name());
            for (final ServiceUnit<?> unit : units) {
                if (unit.name().equals(service.name())) {
                    throw new ServiceException.DuplicateName(service.name());
                }
            }
            final List<ServiceUnit<?>> resolved = resolve(service.name(), dependencies);
            final List<String> methods = new ArrayList<>();
            for (int m = 0; m < service.export().methods().size(); m++) {
                methods.add(service.export().methods().name(m));
            }
            final ServiceMetrics serviceMetrics = new ServiceMetrics(service.name(), methods);
            final ServiceUnit<T> unit = new ServiceUnit<>(this, service, serviceMetrics);
            unit.dependencies().addAll(resolved);
            metrics.register(serviceMetrics);
            units.add(unit);
            return unit.readiness();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Declares more dependencies of a service already added (for services added before what they depend on).
     * A cycle this makes is refused by {@link #start()}.
     *
     * @param service      a service of this host
     * @param dependencies more services it depends on
     * @throws ServiceException.AlreadyStarted    if the host was started
     * @throws ServiceException.UnknownDependency if a handle belongs to another host
     */
    public void addDependencies(final Readiness<?> service, final Readiness<?>... dependencies) {
        lock.lock();
        try {
            requireNew("addDependencies " + service.service());
            final ServiceUnit<?> unit = own(service);
            for (final ServiceUnit<?> dependency : resolve(unit.name(), dependencies)) {
                if (!unit.dependencies().contains(dependency)) {
                    unit.dependencies().add(dependency);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void requireNew(final String what) {
        final State state = life.state();
        if (state == State.STOPPING || state == State.STOPPED) {
            throw new ServiceException.HostStopped(what);
        }
        if (state != State.NEW) {
            throw new ServiceException.AlreadyStarted(what);
        }
    }

    private List<ServiceUnit<?>> resolve(final String holder, final Readiness<?>... handles) {
        final List<ServiceUnit<?>> out = new ArrayList<>();
        for (final Readiness<?> handle : handles) {
            Objects.requireNonNull(handle, "dependency");
            final ServiceUnit<?> unit = handle.unit();
            if (unit.host() != this) {
                throw new ServiceException.UnknownDependency(holder + ": " + handle.service()
                    + " is a service of another host");
            }
            out.add(unit);
        }
        return out;
    }

    private <T> ServiceUnit<T> own(final Readiness<T> handle) {
        Objects.requireNonNull(handle, "service");
        final ServiceUnit<T> unit = handle.unit();
        if (unit.host() != this) {
            throw new ServiceException.UnknownDependency(handle.service() + " is a service of another host");
        }
        return unit;
    }

    // ---- start ------------------------------------------------------------------------------------------------

    /**
     * Starts every service in dependency order; returns once all are READY.
     *
     * @throws ServiceException.DependencyCycle if the dependencies form a cycle (nothing was started)
     * @throws ServiceException.AlreadyStarted  if the host was started before
     * @throws ServiceException.StartAfterStop  if the host was stopped
     * @throws ServiceException.StartFailed     if a service failed to start (everything started was stopped again)
     * @throws InterruptedException             if interrupted while services start (they go on; stop the host)
     */
    public void start() throws InterruptedException {
        final List<ServiceUnit<?>> order;
        lock.lock();
        try {
            final State state = life.state();
            if (state == State.STOPPING || state == State.STOPPED) {
                throw new ServiceException.StartAfterStop();
            }
            if (state != State.NEW) {
                throw new ServiceException.AlreadyStarted("start");
            }
            order = topologicalOrder(units);
            life.transition(State.NEW, State.STARTING);
            probes = new RingLink(new Caller(Caller.PROBE, Caller.Kind.PROBE), config, Math.max(1, units.size() * 2));
            if (config.shutdownHook()) {
                installShutdownHook();
            }
        } finally {
            lock.unlock();
        }
        final List<Thread> starters = new ArrayList<>();
        for (final ServiceUnit<?> unit : order) {
            starters.add(threads.start("start-" + unit.name(), () -> {
                try {
                    for (final ServiceUnit<?> dependency : unit.dependencies()) {
                        dependency.awaitSettled();
                    }
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                unit.start();
            }));
        }
        for (final Thread starter : starters) {
            starter.join();
        }
        ServiceUnit<?> firstFailed = null;
        for (final ServiceUnit<?> unit : order) {
            if (unit.state() != ServiceState.READY) {
                firstFailed = unit;
                break;
            }
        }
        if (firstFailed == null) {
            life.transition(State.STARTING, State.RUNNING);
            LOG.log(System.Logger.Level.INFO, () -> name + ": " + order.size() + " services READY");
            return;
        }
        final Throwable cause = firstFailed.failure() != null ? firstFailed.failure()
            : new IllegalStateException(firstFailed.name() + " is " + firstFailed.state());
        final ServiceException.StartFailed failure = new ServiceException.StartFailed(firstFailed.name(), cause);
        final StopReport rollback = stopAll(System.nanoTime() + config.stopDeadline().toNanos());
        for (final DrainReport report : rollback.services()) {
            if (report.failure() != null) {
                failure.addSuppressed(report.failure());
            }
        }
        closeHostRings(System.nanoTime() + config.stopDeadline().toNanos());
        removeShutdownHook();
        life.transition(State.STARTING, State.FAILED, failure);
        threads.close();
        throw failure;
    }

    /**
     * Orders services so that each comes after every service it depends on (Kahn's order, ties in add order).
     *
     * @throws ServiceException.DependencyCycle naming one cycle, if there is one
     */
    static List<ServiceUnit<?>> topologicalOrder(final List<ServiceUnit<?>> all) {
        final Map<ServiceUnit<?>, Integer> waiting = new IdentityHashMap<>();
        final Map<ServiceUnit<?>, List<ServiceUnit<?>>> dependents = new IdentityHashMap<>();
        for (final ServiceUnit<?> unit : all) {
            waiting.put(unit, new HashSet<>(unit.dependencies()).size());
            for (final ServiceUnit<?> dependency : new LinkedHashSet<>(unit.dependencies())) {
                dependents.computeIfAbsent(dependency, d -> new ArrayList<>()).add(unit);
            }
        }
        final ArrayDeque<ServiceUnit<?>> ready = new ArrayDeque<>();
        for (final ServiceUnit<?> unit : all) {
            if (waiting.get(unit) == 0) {
                ready.add(unit);
            }
        }
        final List<ServiceUnit<?>> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            final ServiceUnit<?> unit = ready.poll();
            order.add(unit);
            for (final ServiceUnit<?> dependent : dependents.getOrDefault(unit, List.of())) {
                if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (order.size() == all.size()) {
            return order;
        }
        throw new ServiceException.DependencyCycle(findCycle(all, new HashSet<>(order)));
    }

    /** A cycle among the services Kahn's order could not place: follow dependencies until one repeats. */
    private static List<String> findCycle(final List<ServiceUnit<?>> all, final Set<ServiceUnit<?>> placed) {
        ServiceUnit<?> at = null;
        for (final ServiceUnit<?> unit : all) {
            if (!placed.contains(unit)) {
                at = unit;
                break;
            }
        }
        final List<ServiceUnit<?>> path = new ArrayList<>();
        final Map<ServiceUnit<?>, Integer> seen = new HashMap<>();
        while (at != null && !seen.containsKey(at)) {
            seen.put(at, path.size());
            path.add(at);
            ServiceUnit<?> next = null;
            for (final ServiceUnit<?> dependency : at.dependencies()) {
                if (!placed.contains(dependency)) {
                    next = dependency;
                    break;
                }
            }
            at = next;
        }
        final List<String> cycle = new ArrayList<>();
        for (final ServiceUnit<?> unit : path.subList(seen.get(at), path.size())) {
            cycle.add(unit.name());
        }
        cycle.add(at.name());
        return cycle;
    }

    // ---- stop -------------------------------------------------------------------------------------------------

    /**
     * Stops every service within {@link HostConfig#stopDeadline()}.
     *
     * @return what each service's stop did
     * @see #stop(Duration)
     */
    public StopReport stop() {
        return stop(config.stopDeadline());
    }

    /**
     * Stops every service: each once every service that depends on it stopped, independent ones concurrently, every
     * drain cut to fit {@code deadline}; then closes the host's clients and its probe ring. Idempotent: a second stop
     * (or a stop of a host never started) returns {@link StopReport#NONE}. A stop during a start waits for the start
     * to settle first.
     *
     * @param deadline the one deadline of the whole stop
     * @return what each service's stop did
     */
    public StopReport stop(final Duration deadline) {
        final long began = System.nanoTime();
        final long deadlineNanos = began + deadline.toNanos();
        try {
            while (life.state() == State.STARTING) {
                if (life.awaitAny(EnumSet.of(State.RUNNING, State.FAILED, State.STOPPING, State.STOPPED),
                    deadlineNanos) == null) {
                    break;
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (final ServiceUnit<?> unit : units) {
            unit.stopBegins(); // before the host says STOPPING: no handoff retargets from here on
        }
        final boolean neverStarted = life.transition(State.NEW, State.STOPPING);
        if (!neverStarted && !life.transition(State.RUNNING, State.STOPPING)) {
            return StopReport.NONE;
        }
        final StopReport services = neverStarted ? StopReport.NONE : stopAll(deadlineNanos);
        closeHostRings(deadlineNanos);
        removeShutdownHook();
        life.transition(State.STOPPING, State.STOPPED);
        threads.close();
        final long took = System.nanoTime() - began;
        LOG.log(System.Logger.Level.INFO, () -> name + ": stopped " + services.services().size() + " services in "
            + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        return new StopReport(services.services(), took, System.nanoTime() - deadlineNanos <= 0);
    }

    /** The reverse-order walk: a service stops once none of its dependents is still starting, serving or draining. */
    private StopReport stopAll(final long deadlineNanos) {
        // Written by each service's stopper thread; read after the joins, which time out at the deadline, so a late
        // stopper may still write meanwhile (ServiceUnit keeps identity equality).
        final Map<ServiceUnit<?>, DrainReport> reports = new ConcurrentHashMap<>();
        final Map<ServiceUnit<?>, List<ServiceUnit<?>>> dependents = new IdentityHashMap<>();
        for (final ServiceUnit<?> unit : units) {
            for (final ServiceUnit<?> dependency : unit.dependencies()) {
                dependents.computeIfAbsent(dependency, d -> new ArrayList<>()).add(unit);
            }
        }
        final List<Thread> stoppers = new ArrayList<>();
        for (final ServiceUnit<?> unit : units) {
            stoppers.add(threads.start("stop-" + unit.name(), () -> {
                for (final ServiceUnit<?> dependent : dependents.getOrDefault(unit, List.of())) {
                    dependent.awaitStopped(deadlineNanos);
                }
                final DrainReport report = unit.stop(deadlineNanos);
                if (report != null) {
                    reports.put(unit, report);
                }
            }));
        }
        for (final Thread stopper : stoppers) {
            try {
                stopper.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (final ServiceUnit<?> unit : units) {
            final ServiceState state = unit.state();
            if (state == ServiceState.STARTING || state == ServiceState.READY || state == ServiceState.DRAINING) {
                // Its stopper had not ended at the deadline: said so, not left out as if it had not been serving.
                reports.putIfAbsent(unit, unit.incomplete("it was " + state + " at the deadline"));
            }
        }
        // Reported in stop order: the reverse of the start order, dependents before what they depend on.
        final List<ServiceUnit<?>> order = new ArrayList<>(topologicalOrder(units));
        Collections.reverse(order);
        final List<DrainReport> inOrder = new ArrayList<>();
        for (final ServiceUnit<?> unit : order) {
            final DrainReport report = reports.get(unit);
            if (report != null) {
                inOrder.add(report);
            }
        }
        return new StopReport(List.copyOf(inOrder), 0, System.nanoTime() - deadlineNanos <= 0);
    }

    private void closeHostRings(final long deadlineNanos) {
        for (final ServiceClient client : clients) {
            client.close(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
        }
        final RingLink link = probes;
        if (link != null) {
            link.close(Duration.ZERO);
        }
    }

    void forget(final ServiceClient client) {
        clients.remove(client);
    }

    private void installShutdownHook() {
        final Thread hook = Thread.ofVirtual().name(name + "-shutdown").uncaughtExceptionHandler((t, e) ->
            LOG.log(System.Logger.Level.ERROR, "thread " + t.getName() + " died", e)).unstarted(() -> {
                LOG.log(System.Logger.Level.INFO, () -> name + ": JVM shutting down (SIGTERM, SIGINT or exit): stopping");
                stop();
            });
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
    }

    private void removeShutdownHook() {
        final Thread hook = shutdownHook;
        if (hook == null || Thread.currentThread() == hook) {
            return;
        }
        shutdownHook = null;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException e) {
            // The JVM is shutting down already: the hook runs (and finds the host stopped).
        }
    }

    // ---- handoff and clients ------------------------------------------------------------------------------------

    /**
     * Hands a service off to a new instance: starts it beside the serving one, and only once its probe answered
     * retargets the service's binding to it (new calls go to it; every holder keeps the capability it has), then
     * drains and stops the old instance.
     *
     * @param service the service
     * @param next    its new instance
     * @param <T>     its stub type
     * @return what the handoff did
     * @throws ServiceException.HandoffInProgress if a handoff of the service is in progress (it goes on untouched)
     * @throws ServiceException.HandoffFailed     if the new instance did not become READY (the old one serves on)
     * @throws ServiceException.NotReady          if the service is not READY
     * @throws ServiceException.HostStopped       if the host is not running, or its stop began during the handoff
     *                                            (then nothing was retargeted)
     * @throws ServiceException.UnknownDependency if the handle belongs to another host
     */
    public <T> HandoffReport handoff(final Readiness<T> service, final ServiceInstance next) {
        Objects.requireNonNull(next, "next");
        final ServiceUnit<T> unit = own(service);
        if (life.state() != State.RUNNING) {
            throw new ServiceException.HostStopped("handoff of " + unit.name() + " (the host is " + life.state() + ")");
        }
        return unit.handoff(next);
    }

    /**
     * Connects a client: a ring of its own whose CapSet will hold exactly the given services' capabilities, each
     * granted once the client awaits it and it is READY.
     *
     * @param clientName the client's name (its calls' {@link Caller#holder()})
     * @param grants     the services it may call
     * @return the client
     * @throws ServiceException.HostStopped       if the host is stopping or stopped
     * @throws ServiceException.UnknownDependency if a handle belongs to another host
     */
    public ServiceClient connect(final String clientName, final Readiness<?>... grants) {
        Objects.requireNonNull(clientName, "clientName");
        lock.lock();
        try {
            final State state = life.state();
            if (state == State.STOPPING || state == State.STOPPED || state == State.FAILED) {
                throw new ServiceException.HostStopped("connect " + clientName);
            }
            final Set<ServiceUnit<?>> declared = new HashSet<>(resolve(clientName, grants));
            final RingLink link = new RingLink(new Caller(clientName, Caller.Kind.CLIENT), config,
                Math.max(1, declared.size()));
            final ServiceClient client = new ServiceClient(clientName, link,
                new Grants(this, clientName, declared, link), this);
            clients.add(client);
            return client;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return name + "[" + life.state() + ", " + units.size() + " services]";
    }
}
