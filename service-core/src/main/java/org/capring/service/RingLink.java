package org.capring.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.capring.ring.Ring;
import org.capring.ring.call.CapSet;
import org.capring.ring.call.Capability;
import org.capring.ring.call.DrainResult;
import org.capring.ring.call.RefusalObserver;
import org.capring.ring.call.RingClient;
import org.capring.ring.call.RingServer;

/**
 * One holder's ring: its own {@link CapSet} (holding exactly the capabilities the holder's declaration granted), the
 * {@link RingServer} that serves it and the {@link RingClient} the holder calls through. Refusals the ring makes
 * before any handler runs are told to the binding whose capability (or handle) they named, so the service's metrics
 * and logging phase see them.
 *
 * <p>Thread-safe: grants and stubs are made once per service and cached.
 */
final class RingLink implements AutoCloseable {
    private final Caller caller;
    private final Ring ring;
    private final CapSet caps;
    private final RingServer server;
    private final RingClient client;
    private final CallTable calls;
    private final Map<Capability, Binding> byCapability = new ConcurrentHashMap<>();
    private final Map<Integer, Binding> byHandle = new ConcurrentHashMap<>();
    private final Map<Object, Object> stubs = new ConcurrentHashMap<>();

    RingLink(final Caller caller, final HostConfig config, final int capacity) {
        this.caller = caller;
        this.ring = Ring.allocate(config.ring());
        this.caps = new CapSet(Math.max(1, capacity));
        this.calls = new CallTable(config.ring().slotCount());
        final RefusalObserver observer = this::refused;
        try {
            this.server = RingServer.start(ring, caps, config.server(), observer);
        } catch (final RuntimeException e) {
            ring.close();
            throw e;
        }
        try {
            this.client = RingClient.open(ring, config.client());
        } catch (final RuntimeException e) {
            close(Duration.ZERO, server);
            throw e;
        }
    }

    Caller caller() {
        return caller;
    }

    RingClient client() {
        return client;
    }

    /** @return where this holder's calls in flight are registered while a service serves them */
    CallTable calls() {
        return calls;
    }

    private void refused(final Capability capability, final int capHandle, final int methodId, final int status) {
        final Binding binding = capability != null ? byCapability.get(capability) : byHandle.get(capHandle);
        if (binding != null) {
            binding.observeRefusal(caller, methodId, status);
        }
    }

    /**
     * Grants {@code capability}, which serves through {@code binding}, into this holder's CapSet.
     *
     * @return the handle
     */
    int grant(final Binding binding, final Capability capability) {
        final int handle = caps.grant(capability);
        byCapability.put(capability, binding);
        byHandle.put(handle, binding);
        return handle;
    }

    /**
     * Revokes a handle granted here (a probe's, after the probe) and forgets it: a later refusal of the stale handle
     * is not attributed, and the revoked capability (with the target it pinned) can be collected.
     */
    void revoke(final int handle) {
        final Capability capability = caps.resolve(handle);
        caps.revoke(handle);
        byHandle.remove(handle);
        if (capability != null) {
            byCapability.remove(capability);
        }
    }

    /**
     * @param key     what the stub is for (one per service)
     * @param factory makes the stub on first use
     * @return the holder's stub for {@code key}
     */
    @SuppressWarnings("unchecked")
    <T> T stub(final Object key, final Supplier<T> factory) {
        return (T) stubs.computeIfAbsent(key, k -> factory.get());
    }

    /**
     * Closes the holder's side: its client (no new calls), then its server (a drain of the ring itself: calls still
     * queued are answered), then the ring's memory once every thread that uses it has ended.
     *
     * @param grace how long the ring server lets calls in flight finish
     * @return the ring server's drain
     */
    DrainResult close(final Duration grace) {
        client.close();
        return close(grace, server);
    }

    /**
     * Closes the holder's side as {@link #close(Duration)} does, but first waits, within {@code grace}, for every call
     * holding a client slot to end: a call that took its slot before the client closed and is sent after it must
     * still find the server there to answer it (refused, if its service has stopped), or it would wait forever.
     *
     * @param grace how long calls holding slots, then the ring server's calls in flight, may take in all
     * @return the ring server's drain (of what was still in flight after the wait)
     */
    DrainResult closeAfterCalls(final Duration grace) {
        final long deadline = System.nanoTime() + grace.toNanos();
        client.close();
        try {
            client.awaitTermination(grace);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), server);
    }

    private DrainResult close(final Duration grace, final RingServer ringServer) {
        DrainResult result = DrainResult.NONE;
        try {
            result = ringServer.shutdown(grace);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ring.close();
            calls.close();
        }
        return result;
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
