package org.capring.service;

import java.time.Duration;
import java.util.Set;

import org.capring.ring.call.Capability;

/**
 * A holder's authority: the services its declaration names, and the ring through which it calls them. Grants each
 * declared service's capability into the holder's own CapSet the first time it asks, once that service is READY;
 * refuses every other. Thread-safe.
 */
final class Grants {
    private final ServiceHost host;
    private final String holder;
    private final Set<ServiceUnit<?>> declared;
    private final RingLink link;

    Grants(final ServiceHost host, final String holder, final Set<ServiceUnit<?>> declared, final RingLink link) {
        this.host = host;
        this.holder = holder;
        this.declared = Set.copyOf(declared);
        this.link = link;
    }

    <D> D await(final Readiness<D> dependency, final long deadlineNanos, final Duration timeout)
        throws InterruptedException {
        final ServiceUnit<D> unit = dependency.unit();
        if (unit.host() != host) {
            throw new ServiceException.UnknownDependency(holder + ": " + dependency.service()
                + " is a service of another host");
        }
        if (!declared.contains(unit)) {
            throw new ServiceException.UndeclaredDependency(holder, unit.name());
        }
        unit.awaitReady(deadlineNanos, timeout);
        return link.stub(unit, () -> {
            final Capability facade = unit.binding().facade(link.caller(), link.calls());
            final int handle = link.grant(unit.binding(), facade);
            return unit.export().stub().stub(link.client(), handle);
        });
    }
}
