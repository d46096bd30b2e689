package org.capring.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.capring.ring.call.DrainResult;
import org.capring.ring.call.RingClient;

/**
 * A client of a host's services from outside them (a load generator, an API front end, a test): a ring of its own
 * whose CapSet holds exactly the capabilities it was connected with ({@link ServiceHost#connect}).
 *
 * {@snippet :
 * try (ServiceClient client = host.connect("frontend", kv)) {
 *     KeyValue.Client stub = client.await(kv, Duration.ofSeconds(5));
 *     try (KeyValue.Client.GetCall get = stub.get()) { ... }
 * }
 * }
 *
 * <p>Thread-safe: its stubs may be used from many threads. Closing it closes its ring: calls still in flight there
 * are answered first; the host closes a client still open when it stops, after its services.
 */
public final class ServiceClient implements AutoCloseable {
    private final String name;
    private final RingLink link;
    private final Grants grants;
    private final ServiceHost host;
    private final AtomicBoolean closed = new AtomicBoolean();

    ServiceClient(final String name, final RingLink link, final Grants grants, final ServiceHost host) {
        this.name = name;
        this.link = link;
        this.grants = grants;
        this.host = host;
    }

    /** @return the client's name (its calls' {@link Caller#holder()}) */
    public String name() {
        return name;
    }

    /** @return the ring client its stubs call through (for batched calls and diagnostics) */
    public RingClient ringClient() {
        return link.client();
    }

    /**
     * Waits for a service this client was connected with to be READY and returns its stub (the same one every time).
     *
     * @param service a service the client was connected with
     * @param timeout longest wait
     * @param <T>     its stub type
     * @return the stub, over this client's ring
     * @throws ServiceException.UndeclaredDependency if the client was not connected with it
     * @throws ServiceException.UnknownDependency    if it belongs to another host
     * @throws ServiceException.ReadinessTimeout     if it is not READY in time
     * @throws ServiceException.NotReady             if it failed or stopped
     * @throws InterruptedException                  if interrupted while waiting
     */
    public <T> T await(final Readiness<T> service, final Duration timeout) throws InterruptedException {
        Objects.requireNonNull(service, "service");
        return grants.await(service, System.nanoTime() + timeout.toNanos(), timeout);
    }

    /**
     * Closes the client's ring: no new calls; calls holding slots (in flight, or taken before the close and sent
     * after it) get {@code grace} to end, and are answered (refused SHUTTING_DOWN if their service has stopped);
     * then the ring's server stops.
     *
     * @param grace how long calls holding slots may take
     * @return the ring server's drain, or {@link DrainResult#NONE} if closed already
     */
    public DrainResult close(final Duration grace) {
        if (!closed.compareAndSet(false, true)) {
            return DrainResult.NONE;
        }
        host.forget(this);
        return link.closeAfterCalls(grace);
    }

    /** Closes the client's ring with no grace: calls in flight there are cancelled. Idempotent. */
    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
