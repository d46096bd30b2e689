package org.capring.service;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.capnproto.DecodeException;
import org.capnproto.FromPointerBuilder;
import org.capnproto.FromPointerReader;
import org.capring.ring.call.CapException;
import org.capring.ring.call.RegionFullException;
import org.capring.ring.call.ServerCall;
import org.capring.ring.call.Status;
import org.capring.ring.call.TransportException;
import org.capring.ring.concurrent.CancelHandshake;
import org.capring.service.metrics.CallOutcome;

/**
 * One call as the container carries it through its phases: created before the first phase, handed to each phase as
 * the narrow view it needs ({@link RequestView}, {@link RouteView}, {@link FailureView}, {@link ResponseView}),
 * visible to the handler and everything it calls on its thread as {@link #current()} (a {@link ScopedValue}, never a
 * thread-local), and closed exactly once on every path: success, application error, refusal, cancel, deadline,
 * drain. Its service counts opens and closes; a context still open when its instance stopped is reported as a leak.
 *
 * {@snippet :
 * // inside a handler, or anything it calls on the handler's thread:
 * CallContext call = CallContext.current();
 * if (call.isCancelled()) {
 *     throw new InterruptedException("drained");
 * }
 * String tenant = call.get(TENANT);
 * }
 *
 * <p><b>Threads.</b> A context belongs to the thread that serves its call; only {@link #isCancelled()} changes from
 * other threads (a drain cancelling the call). Read it only while the call runs.
 */
public final class CallContext implements RequestView, RouteView, FailureView, ResponseView {
    /** The context of the call the current thread serves; bound for the duration of the phases. */
    static final ScopedValue<CallContext> CURRENT = ScopedValue.newInstance();

    private final ServiceCalls calls;
    private final long id;
    private final int method;
    private final Caller caller;
    private final long deadlineNanos;
    private final long openedNanos;
    private final ServerCall call;
    private final Target target;
    /** Cancellation by a drain, and only by a drain: flag and interrupt, never outliving the call. */
    final CancelHandshake cancel = new CancelHandshake();

    private Object[] values;
    private RequestFilter.Verdict filter;
    private int attempt;
    private int route = -1;
    private boolean dispatched;
    private boolean attemptDispatched;
    private int dispatchedAttempts;
    private int status = Status.OK;
    private Throwable error;
    private boolean settled;
    private long callNanos;
    /** When the phases ended, on the {@link System#nanoTime()} clock; 0 until they did (or if they threw). */
    private long endedNanos;
    /** Volatile: a drainer counting leaked contexts reads it from another thread. */
    private volatile boolean closed;

    CallContext(final ServiceCalls calls, final long id, final int method, final Caller caller,
                final long deadlineNanos, final ServerCall call, final Target target) {
        this.calls = calls;
        this.id = id;
        this.method = method;
        this.caller = caller;
        this.deadlineNanos = deadlineNanos;
        this.call = call;
        this.target = target;
        this.openedNanos = System.nanoTime();
    }

    /**
     * @return the context of the call the current thread serves
     * @throws IllegalStateException if the current thread serves no call through the container
     */
    public static CallContext current() {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("no call context: not inside a call served by a capring service");
        }
        return CURRENT.get();
    }

    /** @return true if the current thread serves a call through the container */
    public static boolean inCall() {
        return CURRENT.isBound();
    }

    /** @return the context's number within its service (1, 2, ...) */
    public long id() {
        return id;
    }

    @Override
    public String service() {
        return calls.name();
    }

    /** @return the instance serving the call (1, 2, ... in start order), 0 if none */
    public int instance() {
        return target == null ? 0 : target.instance();
    }

    @Override
    public int method() {
        return method;
    }

    @Override
    public String methodName() {
        return calls.methods().name(method);
    }

    @Override
    public boolean idempotent() {
        return calls.methods().isIdempotent(method);
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** @return when the context was opened, on the {@link System#nanoTime()} clock */
    public long openedNanos() {
        return openedNanos;
    }

    /**
     * @return true once the call was cancelled: by a drain after its grace period (the handler's thread is also
     *     interrupted) or by the caller
     */
    public boolean isCancelled() {
        return cancel.isCancelled() || (call != null && call.isCancelled());
    }

    /**
     * @return true once the instance serving this call stopped taking new calls: its service drains, or a handoff
     *     routed new calls to another instance; a long call may hurry up (it still has the grace period)
     */
    public boolean isDraining() {
        return target != null && target.gate().isClosed();
    }

    @Override
    public <T> T get(final ContextKey<T> key) {
        final Object[] v = values;
        if (v != null) {
            for (int i = 0; i < v.length; i += 2) {
                if (v[i] == key) {
                    return key.cast(v[i + 1]);
                }
            }
        }
        return null;
    }

    @Override
    public <T> void put(final ContextKey<T> key, final T value) {
        Objects.requireNonNull(key, "key");
        key.cast(value);
        Object[] v = values;
        if (v == null) {
            values = new Object[] {key, value};
            return;
        }
        for (int i = 0; i < v.length; i += 2) {
            if (v[i] == key) {
                v[i + 1] = value;
                return;
            }
        }
        v = Arrays.copyOf(v, v.length + 2);
        v[v.length - 2] = key;
        v[v.length - 1] = value;
        values = v;
    }

    @Override
    public <T> T params(final FromPointerReader<T> factory) {
        return serverCall().params(factory);
    }

    @Override
    public <T> T answer(final FromPointerBuilder<T> factory) {
        return serverCall().initResult(factory);
    }

    private ServerCall serverCall() {
        if (call == null) {
            throw new NoSuchElementException("a refused call has no params and no result");
        }
        return call;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public int targets() {
        return target == null ? 0 : target.handlers().size();
    }

    @Override
    public String targetName(final int index) {
        return target.handlers().get(index).name();
    }

    @Override
    public boolean dispatched() {
        return attemptDispatched;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Throwable error() {
        return error;
    }

    @Override
    public CallOutcome outcome() {
        return CallOutcome.of(status, dispatched);
    }

    @Override
    public int attempts() {
        return attempt;
    }

    // ---- the container's side ---------------------------------------------------------------------------------

    ServerCall call() {
        return call;
    }

    Target target() {
        return target;
    }

    void filtered(final RequestFilter.Verdict verdict) {
        this.filter = verdict;
    }

    /** A new attempt begins through the chosen target. */
    void attemptThrough(final int index) {
        route = index;
        attemptDispatched = false;
    }

    void nextAttempt() {
        attempt++;
    }

    void dispatching() {
        attemptDispatched = true;
        dispatchedAttempts++;
        dispatched = true;
    }

    /** The attempt's handler refused before its work began ({@code dispatched() == false}): it did not run. */
    private void undispatch() {
        if (attemptDispatched) {
            attemptDispatched = false;
            dispatchedAttempts--;
        }
        dispatched = dispatchedAttempts > 0;
    }

    /** An attempt's handler returned or threw: its time counts as the call's. */
    void handlerReturned(final long beganNanos, final long nowNanos) {
        callNanos += nowNanos - beganNanos;
    }

    /** The last phase ended (normally or with the call's failure): the call's latency ends here. */
    void phasesEnded(final long nowNanos) {
        endedNanos = nowNanos;
    }

    void succeeded() {
        status = Status.OK;
        error = null;
        settled = true;
    }

    /**
     * Records a failure the way the ring will answer it: typed errors with their status, a cancelled call as
     * CANCELLED, a result that outgrew its region as RESULT_TOO_LARGE, anything else as UNEXPECTED.
     */
    void failed(final Throwable failure) {
        error = failure;
        settled = true;
        if (failure instanceof CapException e) {
            status = e.status();
        } else if (failure instanceof TransportException e) {
            status = e.status() == Status.PARAMS_TOO_LARGE ? Status.UNEXPECTED : e.status();
            if (!e.dispatched()) {
                undispatch();
            }
        } else if (failure instanceof RegionFullException) {
            status = Status.RESULT_TOO_LARGE;
        } else if (isCancelled()) {
            status = Status.CANCELLED;
        } else if (failure instanceof DecodeException) {
            status = Status.DECODE_ERROR;
        } else {
            status = Status.UNEXPECTED;
        }
    }

    /** Records a refusal made without any handler (the container's gate, or the ring's). */
    void refused(final int refusal) {
        status = refusal;
        dispatched = false;
        attemptDispatched = false;
        settled = true;
    }

    boolean deadlinePassed() {
        return deadlinePassedAt(System.nanoTime());
    }

    boolean deadlinePassedAt(final long nowNanos) {
        return deadlineNanos != 0 && nowNanos - deadlineNanos > 0;
    }

    /**
     * Closes the context: counts it, records the call's outcome and latency (from the opening to the end of its
     * phases, or to now if they did not end normally), and tells the logging phase.
     *
     * @throws IllegalStateException if closed before (a container bug: it closes each context once)
     */
    void close() {
        if (closed) {
            throw new IllegalStateException("call context " + id + " of " + calls.name() + " closed twice");
        }
        closed = true;
        if (!settled) {
            // An Error escaped the phases: the ring answers it as an unexpected failure.
            status = Status.UNEXPECTED;
        }
        final long latency = (endedNanos != 0 ? endedNanos : System.nanoTime()) - openedNanos;
        calls.closed(this, latency);
    }

    CallSummary summary(final long latencyNanos) {
        return new CallSummary(id, calls.name(), instance(), method, methodName(), caller, outcome(), status,
            dispatched, filter, route, attempt, latencyNanos, callNanos, error == null ? null : error.toString());
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "CallContext{" + calls.name() + "#" + id + ", " + methodName() + ", " + caller.holder()
            + (closed ? ", " + Status.name(status) : ", open") + "}";
    }
}
