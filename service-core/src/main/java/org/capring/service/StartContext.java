package org.capring.service;

import java.time.Duration;
import java.util.Deque;
import java.util.Objects;

import org.capring.service.task.BackgroundTasks;

/**
 * What an instance's {@link ServiceInstance#start} may use: its declared dependencies (each granted into its
 * service's own CapSet once READY), its background tasks, resources to close when it stops, and its deadline.
 * Valid during the start; the tasks and resources live until the instance stops.
 */
public final class StartContext {
    private final String service;
    private final int instance;
    private final long deadlineNanos;
    private final Grants grants;
    private final BackgroundTasks tasks;
    private final Deque<AutoCloseable> resources;

    StartContext(final String service, final int instance, final long deadlineNanos, final Grants grants,
                 final BackgroundTasks tasks, final Deque<AutoCloseable> resources) {
        this.service = service;
        this.instance = instance;
        this.deadlineNanos = deadlineNanos;
        this.grants = grants;
        this.tasks = tasks;
        this.resources = resources;
    }

    /** @return the service being started */
    public String service() {
        return service;
    }

    /** @return this instance's number (1 for the first, 2 for the first handoff's, ...) */
    public int instance() {
        return instance;
    }

    /** @return the start's deadline, on the {@link System#nanoTime()} clock */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * Waits (until the start's deadline) for a declared dependency to be READY and returns its stub, over the
     * service's own ring and granted into the service's own CapSet. The same stub every time.
     *
     * @param dependency a dependency declared when the service was added
     * @param <D>        its stub type
     * @return the stub
     * @throws ServiceException.UndeclaredDependency if the service did not declare it
     * @throws ServiceException.UnknownDependency    if it belongs to another host
     * @throws ServiceException.ReadinessTimeout     if it is not READY by the start's deadline
     * @throws ServiceException.NotReady             if it failed or stopped
     * @throws InterruptedException                  if interrupted (the start passed its deadline)
     */
    public <D> D await(final Readiness<D> dependency) throws InterruptedException {
        Objects.requireNonNull(dependency, "dependency");
        if (grants == null) {
            throw new ServiceException.UndeclaredDependency(service, dependency.service());
        }
        return grants.await(dependency, deadlineNanos, Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
    }

    /** @return the instance's background tasks (cancelled and joined before it reports STOPPED) */
    public BackgroundTasks tasks() {
        return tasks;
    }

    /**
     * Registers a resource to close when the instance stops, or at once if its start fails; resources close in
     * the reverse order of registration, after {@link ServiceInstance#stop()}.
     *
     * @param resource the resource
     * @param <R>      its type
     * @return the resource
     */
    public <R extends AutoCloseable> R closeOnStop(final R resource) {
        resources.push(Objects.requireNonNull(resource, "resource"));
        return resource;
    }
}
