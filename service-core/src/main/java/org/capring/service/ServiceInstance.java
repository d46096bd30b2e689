package org.capring.service;

import java.util.List;

import org.capring.ring.call.Capability;

/**
 * One implementation of a service: started once, it returns the capabilities that serve the service's calls (its
 * route targets; a generated skeleton such as {@code KeyValue.capability(name, impl)} plugs in as it is), and is
 * stopped once after its calls drained. A handoff starts a new instance beside the serving one and retargets the
 * service's binding to it only once it is READY.
 *
 * {@snippet :
 * ServiceInstance store = context -> {
 *     Map<String, byte[]> data = new ConcurrentHashMap<>();
 *     Journal.Client journal = context.await(journalReadiness);      // a declared dependency, or refused
 *     context.tasks().every("compact", Duration.ofMinutes(1), TaskConfig.defaults(), run -> compact(data));
 *     return List.of(KeyValue.capability("store", new Store(data, journal)));
 * };
 * }
 */
@FunctionalInterface
public interface ServiceInstance {
    /**
     * Starts the instance: acquires what it needs (registering it with {@link StartContext#closeOnStop}), waits for
     * its dependencies, registers its background tasks. Runs on a container thread and is interrupted if it passes
     * the start deadline.
     *
     * @param context the start's authority: declared dependencies, tasks, resources, deadline
     * @return the capabilities serving the service's calls, at least one, each implementing its exported interface
     * @throws Exception to fail the start (what it registered is closed again, in reverse)
     */
    List<Capability> start(StartContext context) throws Exception;

    /**
     * Stops the instance after its calls drained and its tasks were joined, before its registered resources close;
     * called only if {@link #start} returned. Default: nothing.
     *
     * @throws Exception to report a failed stop (the instance ends FAILED; its resources close all the same)
     */
    default void stop() throws Exception {
    }
}
