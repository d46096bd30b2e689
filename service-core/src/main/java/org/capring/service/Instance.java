package org.capring.service;

import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.capring.ring.call.Capability;
import org.capring.ring.call.DrainResult;
import org.capring.ring.concurrent.CancelHandshake;
import org.capring.ring.concurrent.StateMachine;
import org.capring.service.event.DrainEvent;
import org.capring.service.event.LifecycleEvent;
import org.capring.service.task.BackgroundTasks;
import org.capring.service.task.TaskReport;

/**
 * One started implementation of a service, with its own lifecycle (the same states as its service's): its start on a
 * container thread bounded by the start deadline, its readiness probe, its target, its background tasks and its
 * resources; its drain and stop. A failed start rolls back what it started, in reverse, and reports the cause with
 * every rollback failure suppressed.
 *
 * <p>Threads: started, drained and stopped by one thread at a time (its service serializes them).
 */
final class Instance {
    private static final System.Logger LOG = System.getLogger(ServiceHost.class.getName());

    private final ServiceUnit<?> unit;
    private final int number;
    private final ServiceInstance impl;
    private final StateMachine<ServiceState> life;
    private final BackgroundTasks tasks;
    private final Deque<AutoCloseable> resources = new ConcurrentLinkedDeque<>();
    private volatile Target target;
    private volatile boolean implStarted;

    Instance(final ServiceUnit<?> unit, final int number, final ServiceInstance impl) {
        this.unit = unit;
        this.number = number;
        this.impl = impl;
        this.life = ServiceUnit.lifecycle(unit.name() + "#" + number);
        this.life.addListener((from, to, cause) -> LifecycleEvent.emit(unit.name(), number, from.name(), to.name(),
            cause));
        this.tasks = new BackgroundTasks(unit.name() + "-" + number);
    }

    int number() {
        return number;
    }

    ServiceState state() {
        return life.state();
    }

    Target target() {
        return target;
    }

    /**
     * Starts the instance and probes it through the ring; READY only once the probe answered.
     *
     * @param deadlineNanos when it must be READY
     * @throws Exception the failure (its start's, {@link ServiceException.ProbeFailed},
     *                   {@link ServiceException.ReadinessTimeout}), with rollback failures suppressed; the instance
     *                   is FAILED and holds nothing
     */
    void start(final long deadlineNanos) throws Exception {
        if (!life.transition(ServiceState.NEW, ServiceState.STARTING)) {
            throw new IllegalStateException(unit.name() + "#" + number + " started twice");
        }
        final CompletableFuture<Target> started = new CompletableFuture<>();
        final CancelHandshake startRun = new CancelHandshake();
        unit.host().threads().start(unit.name() + "-start-" + number, () -> {
            if (!startRun.begin()) {
                started.completeExceptionally(new ServiceException.ReadinessTimeout(unit.name(), unit.config().startTimeout()));
                return;
            }
            try {
                started.complete(startHere(deadlineNanos));
            } catch (final Throwable e) {
                started.completeExceptionally(e);
            } finally {
                startRun.end();
            }
        });
        Throwable failure = null;
        // An interrupt is restored only after the rollback: its waits must not end at once.
        boolean interrupted = false;
        try {
            target = started.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (final TimeoutException e) {
            failure = new ServiceException.ReadinessTimeout(unit.name(), unit.config().startTimeout());
            interrupted = cancelStart(started, startRun, failure);
        } catch (final ExecutionException e) {
            failure = e.getCause();
        } catch (final InterruptedException e) {
            failure = e;
            interrupted = true;
            cancelStart(started, startRun, failure);
        }
        if (failure != null) {
            if (started.isDone()) {
                rollback(failure, deadlineNanos);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            life.transitionFromAny(ServiceState.FAILED, failure);
            if (failure instanceof Exception e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(unit.name() + "#" + number + ": the start failed", failure);
        }
        life.transition(ServiceState.STARTING, ServiceState.READY);
    }

    /**
     * Cancels a start that did not end in time and waits for it, bounded by the cancel wait: its resources can be
     * closed only once it has ended. A start that ignores the cancellation is noted on {@code failure}.
     *
     * @return true if this wait was interrupted (the caller restores the interrupt once it is done waiting)
     */
    private boolean cancelStart(final CompletableFuture<Target> started, final CancelHandshake startRun,
                                final Throwable failure) {
        startRun.cancel();
        boolean interrupted = false;
        try {
            started.get(unit.config().cancelWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (final TimeoutException | ExecutionException ignored) {
            // timed out (noted below) or failed after the interrupt: the first failure is the cause either way
        } catch (final InterruptedException e) {
            interrupted = true;
        }
        if (!started.isDone()) {
            failure.addSuppressed(new IllegalStateException(unit.name() + "#" + number
                + ": the start ignored its cancellation; its resources are left as they are"));
        }
        return interrupted;
    }

    private Target startHere(final long deadlineNanos) throws Exception {
        final StartContext context = new StartContext(unit.name(), number, deadlineNanos, unit.grants(), tasks,
            resources);
        final List<Capability> handlers = impl.start(context);
        implStarted = true;
        if (handlers == null || handlers.isEmpty()) {
            throw new ServiceException.ExportMismatch(unit.name() + "#" + number + ": start returned no capability");
        }
        for (final Capability c : handlers) {
            if (c.interfaceId() != unit.export().interfaceId() || c.methodCount() != unit.methods().size()) {
                throw new ServiceException.ExportMismatch(unit.name() + "#" + number + ": " + c
                    + " does not implement the exported interface 0x" + Long.toHexString(unit.export().interfaceId())
                    + " with " + unit.methods().size() + " methods");
            }
        }
        final Target fresh = new Target(unit.calls(), number, handlers);
        target = fresh;
        unit.probe(fresh, deadlineNanos);
        return fresh;
    }

    /**
     * Undoes a failed start: the calls its target admitted (probes: nobody else holds it yet) cancelled and awaited,
     * tasks stopped, the instance's stop hook (if its start returned), resources in reverse.
     */
    private void rollback(final Throwable failure, final long deadlineNanos) {
        final Target t = target;
        if (t != null) {
            t.gate().close();
            try {
                final long now = System.nanoTime();
                final DrainResult left = t.drain(now, now + unit.config().cancelWait().toNanos());
                if (left.stuck() > 0) {
                    failure.addSuppressed(new IllegalStateException(unit.name() + "#" + number + ": " + left.stuck()
                        + " probe calls ignored their cancellation; the instance stops under them"));
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.addSuppressed(e);
            }
        }
        try {
            tasks.stop(Math.max(deadlineNanos, System.nanoTime()) + unit.config().cancelWait().toNanos());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
        }
        final Throwable stopFailure = stopAndClose();
        if (stopFailure != null) {
            failure.addSuppressed(stopFailure);
            for (final Throwable more : stopFailure.getSuppressed()) {
                failure.addSuppressed(more);
            }
        }
    }

    /** Runs the stop hook (if the start returned), then closes resources in reverse; the first failure, others suppressed. */
    private Throwable stopAndClose() {
        Throwable first = null;
        if (implStarted) {
            try {
                impl.stop();
            } catch (final Exception e) {
                first = e;
            }
        }
        AutoCloseable resource;
        while ((resource = resources.poll()) != null) {
            try {
                resource.close();
            } catch (final Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    /**
     * Drains the instance (its target's gate must be closed: by the service's drain or by a retarget), then stops
     * its tasks, its stop hook and its resources.
     *
     * @return the report ({@code ring} left as {@link DrainResult#NONE} for the service to fill)
     */
    DrainReport drainAndStop(final long graceEndNanos, final long cancelEndNanos, final long deadlineNanos) {
        final Target t = target;
        life.transition(ServiceState.READY, ServiceState.DRAINING);
        final long began = System.nanoTime();
        final DrainEvent event = DrainEvent.begin(unit.name(), number);
        DrainResult calls = DrainResult.NONE;
        Throwable failure = null;
        try {
            calls = t.drain(graceEndNanos, cancelEndNanos);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        final long drainEnd = System.nanoTime();
        final long drainNanos = drainEnd - began;
        final long lastExit = t.lastDrainExitNanos();
        final long endLatency = lastExit == 0 || lastExit - began < 0 ? 0 : drainEnd - lastExit;
        List<TaskReport> taskReports = List.of();
        try {
            taskReports = tasks.stop(deadlineNanos);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = addTo(failure, e);
        }
        failure = addTo(failure, stopAndClose());
        final long leaked = t.openContexts();
        event.end(calls.drained(), calls.cancelled(), calls.refused(), calls.stuck(), leaked);
        if (leaked > 0) {
            LOG.log(System.Logger.Level.WARNING, () -> unit.name() + "#" + number + ": " + leaked
                + " call contexts still open after the drain (stuck calls or a leak)");
        }
        if (failure == null) {
            life.transition(ServiceState.DRAINING, ServiceState.STOPPED);
        } else {
            life.transition(ServiceState.DRAINING, ServiceState.FAILED, failure);
        }
        return new DrainReport(unit.name(), number, calls, leaked, taskReports, DrainResult.NONE, drainNanos,
            endLatency, System.nanoTime() - began, failure);
    }

    private static Throwable addTo(final Throwable first, final Throwable next) {
        if (next == null) {
            return first;
        }
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public String toString() {
        return unit.name() + "#" + number + "[" + life.state() + "]";
    }
}
