package org.capring.service;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.capring.ring.call.Capability;
import org.capring.ring.call.DrainResult;
import org.capring.ring.call.ServerCall;
import org.capring.ring.call.Status;
import org.capring.ring.call.TransportException;
import org.capring.ring.concurrent.DrainGate;

/**
 * What a binding points at: one instance's handlers, with the {@link DrainGate} that counts its calls in flight. The
 * contexts of those calls are registered in their holders' {@link CallTable}s, so that a drain can cancel exactly
 * them, never a later call that reuses the same ring slot or thread.
 *
 * <p><b>Protocol.</b> A caller enters the gate ({@link DrainGate#tryEnter}, count before check), then opens and
 * registers its context, runs the phases, closes the context, exits the gate, adds itself to the drain's books and
 * only then unregisters; so once the gate is idle after a drain began, every context of this target is closed
 * (opened − closed is exact) and nothing of this target runs. Each exit tells whether the drain had begun
 * ({@link DrainGate#exit}, atomically with the exit), and the call counts itself as drained or cancelled: counts
 * from the calls themselves, never a snapshot; the drainer reads them once the gate is idle and every call is
 * unregistered.
 *
 * <p><b>Threads.</b> Any number of call threads; one drainer.
 */
final class Target {
    /** Runs the phases of the call bound to the scope: captures nothing, so binding a call allocates no lambda. */
    private static final ScopedValue.CallableOp<Void, Exception> PIPELINE = () -> {
        final CallContext ctx = CallContext.CURRENT.get();
        final Target target = ctx.target();
        CallPipeline.run(target.calls, target, ctx.call(), ctx);
        return null;
    };

    private final ServiceCalls calls;
    private final int instance;
    private final List<Capability> handlers;
    private final DrainGate gate = new DrainGate();
    private final LongAdder drained = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder refused = new LongAdder();
    /** When the last call that was in flight at the drain left, on the {@link System#nanoTime()} clock; 0 if none. */
    private volatile long lastDrainExitNanos;
    /**
     * Set by the drain before it cancels the registered calls: a call admitted before the close that registers after
     * the drain's walk sees it and cancels itself (its registration and this flag are both volatile: the walk sees
     * the call, or the call sees the flag, or both).
     */
    private volatile boolean cancelling;

    Target(final ServiceCalls calls, final int instance, final List<Capability> handlers) {
        this.calls = calls;
        this.instance = instance;
        this.handlers = List.copyOf(handlers);
    }

    int instance() {
        return instance;
    }

    List<Capability> handlers() {
        return handlers;
    }

    /** @return the gate (closed by a handoff that retargeted away from it, or by the service's drain) */
    DrainGate gate() {
        return gate;
    }

    /**
     * @return contexts of this target opened and not closed: a context is registered from before it opens until after
     *     it closed, so this counts exactly the calls still inside a phase (stuck, or a leak)
     */
    long openContexts() {
        return registered(true);
    }

    /** @return contexts of this target registered in any holder's table ({@code openOnly}: and not yet closed) */
    private long registered(final boolean openOnly) {
        final long[] count = new long[1];
        calls.forEachRegistered(ctx -> {
            if (ctx.target() == this && !(openOnly && ctx.isClosed())) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** A call refused because this target's service drains. */
    void refusedOne() {
        refused.increment();
    }

    /**
     * Serves a call this target admitted (the caller entered {@link #gate()}); exits the gate on the way out.
     *
     * @throws Exception the call's failure, as the ring should answer it
     */
    void serveAdmitted(final ServerCall call, final Caller caller, final CallTable table) throws Exception {
        final CallContext ctx = calls.open(call, call.methodId(), caller, this);
        final int slot = call.slot();
        final boolean inCell = table.register(slot, ctx); // before anything can fail: the finally unregisters it
        if (table.isClosed()) {
            // The holder's ring closed and its table may have been forgotten as empty: the drain must see this call.
            calls.track(table);
        }
        if (cancelling) {
            ctx.cancel.cancel();
        }
        try {
            try {
                if (!ctx.cancel.begin()) {
                    // A drain cancelled the call between its registration and here: no phase ran.
                    final TransportException e = TransportException.of(Status.CANCELLED, false, ctx.idempotent(),
                        calls.name() + ": cancelled by the drain before it began");
                    ctx.failed(e);
                    throw e;
                }
                try {
                    ScopedValue.where(CallContext.CURRENT, ctx).call(PIPELINE);
                } finally {
                    ctx.cancel.end();
                }
            } finally {
                ctx.close();
            }
        } finally {
            // Read before the exit: a cancel the drain sends after it cannot have touched this call. Only the drain
            // cancels through the handshake (a caller's cancel is a flag of the context).
            final boolean cancelledByDrain = ctx.cancel.isCancelled();
            if (gate.exit()) {
                lastDrainExitNanos = System.nanoTime();
                (cancelledByDrain ? cancelled : drained).increment();
            }
            // Last: the drain waits for every registered call's books (a few instructions) once its gate is idle.
            table.unregister(slot, ctx, inCell);
        }
    }

    /** @return when the last call that was in flight at the drain left the gate (0 if none did) */
    long lastDrainExitNanos() {
        return lastDrainExitNanos;
    }

    /**
     * Drains this target: the gate must be closed already (by the service's drain or by a retarget). Waits until
     * nothing is in flight or the grace period ends; then cancels what is left and waits for it until
     * {@code cancelEndNanos}.
     *
     * @return what became of the calls in flight when the gate closed, and the calls refused since (only a
     *     draining service's current target refuses: a retargeted one sends its callers to the new target)
     * @throws InterruptedException if interrupted while waiting
     */
    DrainResult drain(final long graceEndNanos, final long cancelEndNanos) throws InterruptedException {
        if (!gate.isClosed()) {
            throw new IllegalStateException("drain of an open target");
        }
        final long atClose = gate.inFlightAtClose();
        boolean idle = gate.awaitIdle(graceEndNanos);
        if (!idle) {
            cancelling = true;
            calls.forEachRegistered(ctx -> {
                if (ctx.target() == this) {
                    ctx.cancel.cancel();
                }
            });
            idle = gate.awaitIdle(cancelEndNanos);
        }
        if (idle) {
            // Every call has left the gate; the last ones may still be adding themselves to the books.
            while (registered(false) != 0) {
                Thread.yield();
            }
        }
        // Stuck: calls in flight at the close that have not ended (handlers that ignored the cancel and the
        // interrupt; they still hold slots). From the count at the close, so drained + cancelled + stuck is exact.
        final long drainedNow = drained.sum();
        final long cancelledNow = cancelled.sum();
        final int stuck = idle ? 0 : (int) Math.max(0, atClose - drainedNow - cancelledNow);
        return new DrainResult(drainedNow, cancelledNow, refused.sum(), stuck, stuck);
    }

    @Override
    public String toString() {
        return "Target{" + calls.name() + "#" + instance + ", " + gate + "}";
    }
}
