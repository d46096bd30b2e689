package org.capring.service;

import org.capring.ring.call.Capability;
import org.capring.ring.call.ServerCall;
import org.capring.ring.call.Status;
import org.capring.ring.call.TransportException;

/**
 * The one place an exported capability's calls enter a service: the capabilities granted into holders' CapSets
 * (one per holder, {@link #facade}) all serve through it, and stay the same objects for the service's life while
 * the binding's target, the serving instance, is swapped atomically by a handoff.
 *
 * <p><b>Protocol.</b> A call reads the current target (a volatile load) and enters that target's gate; calls are so
 * counted in flight per target. {@link #retarget} stores the new target first and closes the old one's gate after:
 * a call that read the old target either entered its gate before the close (the old instance serves it; its drain
 * waits for it) or finds the gate closed and reads the target again, which is then the new one, because the close
 * it saw happened after the store. It is refused only when the gate it found closed still belongs to the current
 * target, which happens only once the service itself drains: then it is answered SHUTTING_DOWN before dispatch
 * (retry-safe). No call is served by two targets, and none is lost between them. Handoffs are serialized by the
 * service, so at most one retarget runs at a time.
 *
 * <p><b>Threads.</b> Any number of call threads; one retargeting or draining thread at a time. The call path is
 * lock-free.
 */
final class Binding {
    private final ServiceCalls calls;
    private final long interfaceId;
    private volatile Target current;

    Binding(final ServiceCalls calls, final long interfaceId) {
        this.calls = calls;
        this.interfaceId = interfaceId;
    }

    /**
     * @param caller the holder the capability is granted to
     * @param table  where the holder's calls in flight are registered
     * @return a new capability serving through this binding, for one holder's CapSet
     */
    Capability facade(final Caller caller, final CallTable table) {
        calls.track(table);
        return new Capability(calls.name() + "@" + caller.holder(), interfaceId, calls.methods().size(),
            call -> serve(call, caller, table));
    }

    /**
     * @param target the target to call, current or not (a new instance before it is READY)
     * @param caller the probing holder
     * @param table  where the probing holder's calls in flight are registered
     * @return a capability serving through {@code target} only
     */
    Capability pinned(final Target target, final Caller caller, final CallTable table) {
        calls.track(table);
        return new Capability(calls.name() + "#" + target.instance() + "@" + caller.holder(), interfaceId,
            calls.methods().size(), call -> servePinned(call, caller, table, target));
    }

    /** @return the target serving now, null before the first instance is READY */
    Target current() {
        return current;
    }

    private void serve(final ServerCall call, final Caller caller, final CallTable table) throws Exception {
        final Target target = admit();
        if (target == null) {
            throw refuse(call, caller, current);
        }
        target.serveAdmitted(call, caller, table);
    }

    /**
     * The admission protocol: enters the current target's gate, following a retarget that closed the gate it found.
     *
     * @return the target whose gate this call entered (exit it exactly once), or null if the service drains
     */
    Target admit() {
        Target target = current;
        while (true) {
            if (target != null && target.gate().tryEnter()) {
                return target;
            }
            final Target now = current;
            if (now == target) {
                return null;
            }
            target = now; // retargeted between our read and our entry: the new target serves
        }
    }

    private void servePinned(final ServerCall call, final Caller caller, final CallTable table, final Target target)
        throws Exception {
        if (!target.gate().tryEnter()) {
            throw refuse(call, caller, target);
        }
        target.serveAdmitted(call, caller, table);
    }

    /** Answers a call the service will not serve: SHUTTING_DOWN, not dispatched; with a context, logged and counted. */
    private TransportException refuse(final ServerCall call, final Caller caller, final Target target) {
        if (target != null) {
            target.refusedOne();
        }
        final CallContext ctx = calls.open(call, call.methodId(), caller, null);
        ctx.refused(Status.SHUTTING_DOWN);
        ctx.close();
        return TransportException.of(Status.SHUTTING_DOWN, false, calls.methods().isIdempotent(call.methodId()),
            calls.name() + " is " + (target == null ? "not serving" : "draining"));
    }

    /**
     * A call the ring refused before any handler ran (invalid handle, no such method, late, overloaded, cancelled,
     * shutting down): a context opened and closed at once, so that metrics and the logging phase see it.
     */
    void observeRefusal(final Caller caller, final int method, final int status) {
        final CallContext ctx = calls.open(null, method, caller, null);
        ctx.refused(status);
        ctx.close();
    }

    /**
     * Points new calls at {@code next}, then closes the previous target's gate (the order the protocol needs).
     *
     * @param next the new target, its gate open
     * @return the previous target, its gate closed (null for the first target)
     */
    Target retarget(final Target next) {
        final Target previous = current;
        // Volatile store: publishes the new target to every caller that reads it after a closed gate.
        current = next;
        if (previous != null) {
            previous.gate().close();
        }
        return previous;
    }

    /**
     * Begins the service's drain: the current target's gate closes while it stays current, so new calls are
     * refused from now on.
     *
     * @return the target to drain, or null if none ever served
     */
    Target closeForDrain() {
        final Target target = current;
        if (target != null) {
            target.gate().close();
        }
        return target;
    }
}
