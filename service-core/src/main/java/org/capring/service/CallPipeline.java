package org.capring.service;

import java.util.List;

import org.capring.ring.call.Capability;
import org.capring.ring.call.ServerCall;
import org.capring.ring.call.Status;
import org.capring.ring.call.TransportException;

/**
 * The phases of one admitted call, in order: request filter, route, call, failure policy (retry or fail), response
 * filter. The context records each phase's outcome; the logging phase runs when the context closes. A failure is
 * rethrown as the handler threw it (or as the typed error that replaced it), so the ring answers it exactly as it
 * would without the container: a generated skeleton's declared errors keep their status.
 */
final class CallPipeline {
    private static final System.Logger LOG = System.getLogger(ServiceHost.class.getName());

    private CallPipeline() {
    }

    static void run(final ServiceCalls calls, final Target target, final ServerCall call, final CallContext ctx)
        throws Exception {
        final Phases phases = calls.phases();
        if (ctx.deadlinePassedAt(ctx.openedNanos())) {
            throw refuse(ctx, Status.DEADLINE_EXCEEDED, "the deadline passed before the call began");
        }
        final RequestFilter filter = phases.requestFilter();
        if (filter != null) {
            final RequestFilter.Verdict verdict;
            try {
                verdict = filter.filter(ctx);
            } catch (final Exception e) {
                ctx.failed(failure(calls, ctx, e));
                end(ctx, 0);
                return;
            }
            ctx.filtered(verdict);
            if (verdict == RequestFilter.Verdict.ANSWERED) {
                ctx.succeeded();
                respond(calls, phases, ctx);
                end(ctx, 0);
                return;
            }
        }
        final List<Capability> handlers = target.handlers();
        final int maxAttempts = calls.config().maxAttempts();
        // When the last phase that ran ended, if nothing ran after the handler's return was read; else 0.
        long ended = 0;
        while (true) {
            ctx.nextAttempt();
            final Route route = phases.route();
            if (route != null) {
                ended = 0;
            }
            final int index;
            try {
                index = route == null ? 0 : route.choose(ctx);
            } catch (final Exception e) {
                ctx.failed(failure(calls, ctx, e));
                break;
            }
            if (index < 0 || index >= handlers.size()) {
                final IllegalStateException e = new IllegalStateException(calls.name() + ": the route chose target "
                    + index + " of " + handlers.size());
                ctx.failed(e);
                break;
            }
            ctx.attemptThrough(index);
            // Without phases the clock is read twice per call: at the context's opening and when the handler returns.
            final long began = filter == null && route == null && ctx.attempt() == 1 ? ctx.openedNanos()
                : System.nanoTime();
            try {
                ctx.dispatching();
                handlers.get(index).handler().handle(call);
                ended = System.nanoTime();
                ctx.handlerReturned(began, ended);
                ctx.succeeded();
                break;
            } catch (final Exception e) {
                ended = System.nanoTime();
                ctx.handlerReturned(began, ended);
                ctx.failed(failure(calls, ctx, e));
            }
            if (phases.failurePolicy() != null) {
                ended = 0;
            }
            if (!retry(phases.failurePolicy(), ctx, maxAttempts)) {
                break;
            }
        }
        if (phases.responseFilter() != null) {
            respond(calls, phases, ctx);
            ended = 0;
        }
        end(ctx, ended);
    }

    /**
     * The phases ended: the call's latency ends at {@code endedNanos} (now if 0), and its failure, if any, is thrown
     * for the ring to answer.
     */
    private static void end(final CallContext ctx, final long endedNanos) throws Exception {
        ctx.phasesEnded(endedNanos != 0 ? endedNanos : System.nanoTime());
        final Throwable failure = ctx.error();
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * What a phase's exception answers: CANCELLED if the drain cancelled the call, whichever phase it interrupted,
     * marked dispatched if a handler had been dispatched (a cancel in the request filter or the route leaves the
     * call retry-safe); a transport error the phase threw is answered as thrown; else the exception as thrown.
     */
    private static Exception failure(final ServiceCalls calls, final CallContext ctx, final Exception e) {
        if (!ctx.cancel.isCancelled() || e instanceof TransportException) {
            return e;
        }
        final TransportException cancelled = TransportException.of(Status.CANCELLED, ctx.dispatched(),
            ctx.idempotent(), calls.name() + ": cancelled by the drain after its grace period");
        cancelled.initCause(e);
        return cancelled;
    }

    /**
     * Whether the failed attempt is tried again: the policy asks, and nothing forbids it. A policy that throws
     * decides to fail (logged; the call fails with its own failure, which is not touched: a handler may throw one
     * exception object for many calls).
     */
    private static boolean retry(final FailurePolicy policy, final CallContext ctx, final int maxAttempts) {
        if (policy == null || ctx.attempt() >= maxAttempts || ctx.isCancelled() || ctx.deadlinePassed()
            || (ctx.dispatched() && !ctx.idempotent())) {
            return false;
        }
        try {
            return policy.decide(ctx) == FailurePolicy.Decision.RETRY;
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> ctx.service() + ": the failure policy threw; the call fails", e);
            return false;
        }
    }

    private static void respond(final ServiceCalls calls, final Phases phases, final CallContext ctx) {
        final ResponseFilter filter = phases.responseFilter();
        if (filter == null) {
            return;
        }
        try {
            filter.filter(ctx);
        } catch (final Exception e) {
            ctx.failed(failure(calls, ctx, e));
        }
    }

    private static TransportException refuse(final CallContext ctx, final int status, final String why) {
        final TransportException e = TransportException.of(status, false, ctx.idempotent(), ctx.service() + ": " + why);
        ctx.failed(e);
        return e;
    }
}
