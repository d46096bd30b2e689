package org.capring.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.capring.ring.call.CapException;
import org.capring.ring.call.Capability;
import org.capring.ring.call.DrainResult;
import org.capring.ring.call.Status;
import org.capring.ring.concurrent.StateMachine;
import org.capring.service.event.HandoffEvent;
import org.capring.service.event.LifecycleEvent;
import org.capring.service.metrics.ServiceMetrics;

/**
 * One service of a host: its lifecycle, its binding, the instance serving it, its dependencies and its own ring to
 * them. Starts, drains, stops and hands off; each serialized with the others by one lock, a handoff during a handoff
 * refused at once.
 *
 * @param <T> the stub type of its export
 */
final class ServiceUnit<T> {
    private static final System.Logger LOG = System.getLogger(ServiceHost.class.getName());
    private static final Set<ServiceState> SETTLED =
        EnumSet.of(ServiceState.READY, ServiceState.DRAINING, ServiceState.STOPPED, ServiceState.FAILED);

    private final ServiceHost host;
    private final ServiceDefinition<T> definition;
    private final ServiceCalls calls;
    private final Binding binding;
    private final StateMachine<ServiceState> life;
    private final Readiness<T> readiness = new Readiness<>(this);
    private final List<ServiceUnit<?>> dependencies = new ArrayList<>();
    private final AtomicInteger instances = new AtomicInteger();
    private final AtomicBoolean handoff = new AtomicBoolean();
    /** Set when a stop begins: no handoff begins after it, and one under way retargets nothing. */
    private volatile boolean stopping;
    /** Set by a stop whose deadline passed while a handoff held the service: the handoff stops it when it ends. */
    private volatile boolean stopLeftToHandoff;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private volatile Instance current;
    private volatile RingLink link;
    private volatile Grants grants;

    ServiceUnit(final ServiceHost host, final ServiceDefinition<T> definition, final ServiceMetrics metrics) {
        this.host = host;
        this.definition = definition;
        this.calls = new ServiceCalls(definition.name(), definition.export().methods(), definition.phases(),
            definition.config(), metrics);
        this.binding = new Binding(calls, definition.export().interfaceId());
        this.life = lifecycle(definition.name());
        life.addListener((from, to, cause) -> {
            metrics.state(to.name());
            LifecycleEvent.emit(definition.name(), 0, from.name(), to.name(), cause);
        });
    }

    /** The lifecycle table of a service and of each instance: forward once, FAILED from anywhere but the ends. */
    static StateMachine<ServiceState> lifecycle(final String name) {
        return StateMachine.builder(name, ServiceState.NEW)
            .allow(ServiceState.NEW, ServiceState.STARTING, ServiceState.FAILED)
            .allow(ServiceState.STARTING, ServiceState.READY, ServiceState.FAILED)
            .allow(ServiceState.READY, ServiceState.DRAINING, ServiceState.FAILED)
            .allow(ServiceState.DRAINING, ServiceState.STOPPED, ServiceState.FAILED)
            .build();
    }

    ServiceHost host() {
        return host;
    }

    String name() {
        return definition.name();
    }

    Export<T> export() {
        return definition.export();
    }

    MethodTable methods() {
        return definition.export().methods();
    }

    ServiceConfig config() {
        return definition.config();
    }

    ServiceCalls calls() {
        return calls;
    }

    Binding binding() {
        return binding;
    }

    Readiness<T> readiness() {
        return readiness;
    }

    List<ServiceUnit<?>> dependencies() {
        return dependencies;
    }

    Grants grants() {
        return grants;
    }

    ServiceState state() {
        return life.state();
    }

    Throwable failure() {
        return life.state() == ServiceState.FAILED ? life.cause() : null;
    }

    void addListener(final StateMachine.Listener<ServiceState> listener) {
        life.addListener(listener);
    }

    /** Waits until READY; throws the typed reason it is not. */
    void awaitReady(final long deadlineNanos, final Duration timeout) throws InterruptedException {
        final ServiceState state = life.awaitAny(SETTLED, deadlineNanos);
        if (state == null) {
            throw new ServiceException.ReadinessTimeout(name(), timeout);
        }
        if (state != ServiceState.READY) {
            throw new ServiceException.NotReady(name(), state, life.cause());
        }
    }

    /** Waits until this service no longer serves (never started, stopped or failed), or the deadline passes. */
    void awaitStopped(final long deadlineNanos) {
        try {
            life.awaitAny(EnumSet.of(ServiceState.NEW, ServiceState.STOPPED, ServiceState.FAILED), deadlineNanos);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (without bound: every start is bounded by its own deadline) until this service's start settled. */
    ServiceState awaitSettled() throws InterruptedException {
        return life.awaitAny(SETTLED, System.nanoTime() + TimeUnit.DAYS.toNanos(365));
    }

    /**
     * Starts the service: refuses at once (NEW → FAILED) if a dependency is not READY; else starts its first
     * instance and routes the binding to it. Never throws for the service's own failure: that is its FAILED state.
     */
    void start() {
        lifecycle.lock();
        try {
            for (final ServiceUnit<?> dependency : dependencies) {
                if (dependency.state() != ServiceState.READY) {
                    life.transition(ServiceState.NEW, ServiceState.FAILED, new ServiceException.DependencyFailed(
                        name(), dependency.name(), dependency.state(), dependency.life.cause()));
                    return;
                }
            }
            if (!life.transition(ServiceState.NEW, ServiceState.STARTING)) {
                return;
            }
            final Set<ServiceUnit<?>> declared = new HashSet<>(dependencies);
            if (!declared.isEmpty()) {
                link = new RingLink(new Caller(name(), Caller.Kind.SERVICE), host.config(), declared.size());
                grants = new Grants(host, name(), declared, link);
            }
            final Instance first = new Instance(this, instances.incrementAndGet(), definition.instance());
            try {
                first.start(System.nanoTime() + config().startTimeout().toNanos());
            } catch (final Exception e) {
                closeLink(Duration.ZERO);
                life.transition(ServiceState.STARTING, ServiceState.FAILED, e);
                return;
            }
            current = first;
            binding.retarget(first.target());
            life.transition(ServiceState.STARTING, ServiceState.READY);
        } catch (final RuntimeException | Error e) {
            closeLink(Duration.ZERO);
            life.transitionFromAny(ServiceState.FAILED, e);
        } finally {
            lifecycle.unlock();
        }
    }

    private DrainResult closeLink(final Duration grace) {
        final RingLink l = link;
        link = null;
        return l == null ? DrainResult.NONE : l.close(grace);
    }

    /**
     * Probes a target through the host's probe ring: a capability pinned to that target only, granted for the probe
     * and revoked after it. An application error is an answer.
     */
    void probe(final Target target, final long deadlineNanos) throws InterruptedException {
        final RingLink probes = host.probeLink();
        final Capability pinned = binding.pinned(target, probes.caller(), probes.calls());
        final int handle = probes.grant(binding, pinned);
        try {
            definition.export().probe().probe(definition.export().stub().stub(probes.client(), handle), deadlineNanos);
        } catch (final CapException answered) {
            if (answered.status() == Status.UNEXPECTED) {
                // The handler crashed: that is not an answer.
                throw new ServiceException.ProbeFailed(name(), answered);
            }
            // The handler ran and answered with a declared error: the instance serves.
        } catch (final InterruptedException e) {
            throw e;
        } catch (final Exception e) {
            throw new ServiceException.ProbeFailed(name(), e);
        } finally {
            probes.revoke(handle);
        }
    }

    /** The host's stop began: from now on no handoff of this service begins, and one under way retargets nothing. */
    void stopBegins() {
        stopping = true;
    }

    /**
     * Drains and stops the service within {@code deadlineNanos}: the grace period and the cancel wait are cut so that
     * both fit. Returns null if the service was not serving, and a report failed with
     * {@link ServiceException.StopIncomplete} if a handoff held the service past the deadline (the handoff then stops
     * it when it ends).
     */
    DrainReport stop(final long deadlineNanos) {
        stopBegins(); // the host said so already; a stop is a stop however it is called
        if (!tryLock(deadlineNanos)) {
            // A handoff holds the service past the deadline. It reads this flag after it lets go of the lock, and
            // this reads the lock after the flag: one of the two stops the service.
            stopLeftToHandoff = true;
            if (!lifecycle.tryLock()) {
                return incomplete("a handoff held it; the handoff stops it when it ends");
            }
        }
        try {
            return stopLocked(deadlineNanos);
        } finally {
            lifecycle.unlock();
        }
    }

    /** The report of a stop that did not stop the service by its deadline. */
    DrainReport incomplete(final String why) {
        final Instance serving = current;
        return new DrainReport(name(), serving == null ? 0 : serving.number(), DrainResult.NONE, 0, List.of(),
            DrainResult.NONE, 0, 0, 0, new ServiceException.StopIncomplete(name(), why));
    }

    /** A stop that found a handoff holding the service left the stop to it: the handoff ended, so stop now. */
    private void stopLeftByAStop() {
        if (stopLeftToHandoff && lifecycle.tryLock()) {
            // An interrupt of the handoff's thread waits until this drain has had its waits.
            final boolean interrupted = Thread.interrupted();
            try {
                final DrainReport report = stopLocked(System.nanoTime() + config().drainGrace().toNanos()
                    + 2 * config().cancelWait().toNanos());
                if (report != null) {
                    LOG.log(System.Logger.Level.INFO, () -> name() + ": stopped after its handoff ended: " + report);
                }
            } finally {
                lifecycle.unlock();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private DrainReport stopLocked(final long deadlineNanos) {
        if (!life.transition(ServiceState.READY, ServiceState.DRAINING)) {
            return null;
        }
        final Instance serving = current;
        binding.closeForDrain();
        final long now = System.nanoTime();
        final long left = Math.max(0, deadlineNanos - now);
        final long reserve = Math.min(config().cancelWait().toNanos(), left / 2);
        final long graceEnd = Math.min(now + config().drainGrace().toNanos(), deadlineNanos - reserve);
        final long cancelEnd = Math.min(graceEnd + config().cancelWait().toNanos(), deadlineNanos);
        final DrainReport drained = serving.drainAndStop(graceEnd, cancelEnd, deadlineNanos);
        final DrainResult ring = closeLink(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
        final DrainReport report = new DrainReport(drained.service(), drained.instance(), drained.calls(),
            drained.contextsLeaked(), drained.tasks(), ring, drained.drainNanos(), drained.endLatencyNanos(),
            drained.stopNanos(), drained.failure());
        if (report.failure() == null) {
            life.transition(ServiceState.DRAINING, ServiceState.STOPPED);
        } else {
            life.transition(ServiceState.DRAINING, ServiceState.FAILED, report.failure());
        }
        return report;
    }

    private boolean tryLock(final long deadlineNanos) {
        try {
            return lifecycle.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Replaces the serving instance: starts {@code next}; only once it is READY retargets the binding to it; then
     * drains and stops the old one. If {@code next} is not READY by its deadline, nothing was retargeted and the old
     * instance serves on, untouched.
     */
    HandoffReport handoff(final ServiceInstance next) {
        if (!handoff.compareAndSet(false, true)) {
            throw new ServiceException.HandoffInProgress(name());
        }
        try {
            lifecycle.lock();
            try {
                if (stopping) {
                    throw new ServiceException.HostStopped("handoff of " + name() + " (its stop began)");
                }
                if (life.state() != ServiceState.READY) {
                    throw new ServiceException.NotReady(name(), life.state(), life.cause());
                }
                final Instance old = current;
                final long began = System.nanoTime();
                final Instance fresh = new Instance(this, instances.incrementAndGet(), next);
                HandoffEvent.emit(name(), old.number(), fresh.number(), HandoffEvent.Stage.STARTED, null);
                try {
                    fresh.start(began + config().startTimeout().toNanos());
                } catch (final Exception | Error e) {
                    // An Error too (new code that fails to link, say): the old instance serves on, and the caller is
                    // told so in the handoff's typed failure.
                    final ServiceException.HandoffFailure reason = e instanceof ServiceException.ProbeFailed
                        ? ServiceException.HandoffFailure.PROBE_FAILED
                        : e instanceof ServiceException.ReadinessTimeout
                        ? ServiceException.HandoffFailure.NOT_READY_BY_DEADLINE
                        : ServiceException.HandoffFailure.START_FAILED;
                    HandoffEvent.emit(name(), old.number(), fresh.number(), HandoffEvent.Stage.ABORTED, reason + ": " + e);
                    throw new ServiceException.HandoffFailed(name(), reason, e);
                }
                if (stopping) {
                    // The service's stop began while the new instance started: nothing was retargeted; the new
                    // instance goes, the stop drains the old one.
                    fresh.target().gate().close();
                    final long now = System.nanoTime();
                    final long cancelEnd = now + config().cancelWait().toNanos();
                    final DrainReport dropped = fresh.drainAndStop(now, cancelEnd,
                        cancelEnd + config().cancelWait().toNanos());
                    if (dropped.failure() != null || dropped.calls().stuck() > 0) {
                        LOG.log(System.Logger.Level.WARNING, () -> name() + ": the new instance of a handoff "
                            + "abandoned for the stop did not stop cleanly: " + dropped, dropped.failure());
                    }
                    HandoffEvent.emit(name(), old.number(), fresh.number(), HandoffEvent.Stage.ABORTED, "stopping");
                    throw new ServiceException.HostStopped("handoff of " + name() + " (its stop began)");
                }
                final long ready = System.nanoTime();
                current = fresh;
                binding.retarget(fresh.target());
                final long swapped = System.nanoTime();
                HandoffEvent.emit(name(), old.number(), fresh.number(), HandoffEvent.Stage.RETARGETED, null);
                final long graceEnd = swapped + config().drainGrace().toNanos();
                final long cancelEnd = graceEnd + config().cancelWait().toNanos();
                // The old instance's tasks get a cancel wait of their own after its calls' (as a stop gives them).
                final DrainReport oldStopped = old.drainAndStop(graceEnd, cancelEnd,
                    cancelEnd + config().cancelWait().toNanos());
                HandoffEvent.emit(name(), old.number(), fresh.number(), HandoffEvent.Stage.OLD_STOPPED,
                    oldStopped.failure() == null ? null : oldStopped.failure().toString());
                return new HandoffReport(name(), old.number(), fresh.number(), ready - began, swapped - ready,
                    oldStopped);
            } finally {
                lifecycle.unlock();
            }
        } finally {
            handoff.set(false);
            stopLeftByAStop();
        }
    }

    @Override
    public String toString() {
        return name() + "[" + life.state() + "]";
    }
}
