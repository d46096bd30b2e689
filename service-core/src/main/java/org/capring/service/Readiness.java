package org.capring.service;

import java.time.Duration;
import java.util.Objects;

import org.capring.ring.concurrent.StateMachine;

/**
 * The typed handle of one service of a host, returned by {@link ServiceHost#add}: what a dependent declares it
 * depends on, and what a holder presents to be granted the service's capability once it is READY. There are no
 * service names to look up: holding this handle (and declaring it) is the only way to the capability.
 *
 * {@snippet :
 * Readiness<KeyValue.Client> kv = host.add(kvDefinition, journal);   // kv depends on journal
 * host.start();
 * try (ServiceClient client = host.connect("loadgen", kv)) {
 *     KeyValue.Client stub = client.await(kv, Duration.ofSeconds(5));   // granted into the client's own CapSet
 * }
 * }
 *
 * <p>Thread-safe.
 *
 * @param <T> the typed stub its holders call through
 */
public final class Readiness<T> {
    private final ServiceUnit<T> unit;

    Readiness(final ServiceUnit<T> unit) {
        this.unit = unit;
    }

    ServiceUnit<T> unit() {
        return unit;
    }

    /** @return the service's name (for diagnostics) */
    public String service() {
        return unit.name();
    }

    /** @return the service's lifecycle state (a snapshot) */
    public ServiceState state() {
        return unit.state();
    }

    /** @return the failure that made the service FAILED, or null */
    public Throwable failure() {
        return unit.failure();
    }

    /**
     * Waits until the service is READY.
     *
     * @param timeout longest wait
     * @throws ServiceException.ReadinessTimeout if it is not READY in time
     * @throws ServiceException.NotReady         if it failed, drains or stopped (the cause is its failure, if any)
     * @throws InterruptedException              if interrupted while waiting
     */
    public void awaitReady(final Duration timeout) throws InterruptedException {
        unit.awaitReady(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /**
     * Adds a listener told of every later transition of the service (on the thread that made it, after it happened;
     * a listener that throws is logged and does not stop the others).
     *
     * @param listener the listener
     */
    public void addListener(final StateMachine.Listener<ServiceState> listener) {
        unit.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public String toString() {
        return "Readiness{" + unit.name() + ", " + unit.state() + "}";
    }
}
