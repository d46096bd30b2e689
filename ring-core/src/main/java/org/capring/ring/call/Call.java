package org.capring.ring.call;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.capnproto.FromPointerBuilder;
import org.capnproto.FromPointerReader;
import org.capring.ring.RingProducer;
import org.capring.ring.Sqe;

/**
 * One call through one call slot of a {@link RingClient}: build the params in place, send, wait for the
 * completion, read the result in place, close to free the slot.
 *
 * {@snippet :
 * try (Call call = client.newCall(handle, Calc.TYPE_ID, Calc.METHOD_ADD)) {
 *     Calc.AddParams.Builder params = call.initParams(Calc.AddParams.factory);
 *     params.setA(1);
 *     params.setB(2);
 *     call.invoke();                                      // send, then wait; throws CallException
 *     int sum = call.result(Calc.AddResults.factory).getSum();
 * }
 * }
 *
 * <p>A {@code Call} object belongs to its slot and is reused for every call through it: use it from one thread
 * at a time, and not after {@link #close()}. After a deadline or an interrupt abandons a call, the object is
 * no longer the caller's: the client frees the slot when the server's completion arrives.
 */
public final class Call implements AutoCloseable {
    static final int FREE = 0;
    static final int BUILDING = 1;
    static final int SENT = 2;
    static final int DONE = 3;
    static final int ABANDONED = 4;

    private static final VarHandle STATE;
    private static final VarHandle IN_FOLLOWERS;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Call.class, "state", int.class);
            IN_FOLLOWERS = lookup.findVarHandle(Call.class, "inFollowers", boolean.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final RingClient client;
    final int slot;
    final RegionMessage params;
    final RegionMessage result;
    final RingProducer<Sqe> sq;

    /** Bumped on every acquisition; the high half of userData, so late completions of old calls are ignored. */
    int generation;
    int capHandle;
    long interfaceId;
    int methodId;
    long deadlineNanos;
    boolean idempotent;
    private boolean paramsStarted;

    /** Written by the reaper before it publishes DONE. */
    int status;
    int cqeFlags;
    int resultLength;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = FREE;
    /** The thread waiting for this call's completion; written before the caller re-checks and parks. */
    volatile Thread waiter;
    @SuppressWarnings("unused") // accessed through IN_FOLLOWERS
    private volatile boolean inFollowers;

    Call(final RingClient client, final int slot, final RegionMessage params, final RegionMessage result,
         final RingProducer<Sqe> sq) {
        this.client = client;
        this.slot = slot;
        this.params = params;
        this.result = result;
        this.sq = sq;
    }

    int state() {
        return (int) STATE.getAcquire(this);
    }

    void state(final int newState) {
        // Release: publishes status and result fields (or the slot's freedom) with the state.
        STATE.setRelease(this, newState);
    }

    boolean casState(final int expected, final int newState) {
        return STATE.compareAndSet(this, expected, newState);
    }

    boolean enterFollowers() {
        return IN_FOLLOWERS.compareAndSet(this, false, true);
    }

    void leaveFollowers() {
        IN_FOLLOWERS.setRelease(this, false);
    }

    long userData() {
        return (long) generation << 32 | slot;
    }

    void prepare(final int handle, final long iface, final int method, final long deadline) {
        generation++;
        capHandle = handle;
        interfaceId = iface;
        methodId = method;
        deadlineNanos = deadline;
        idempotent = false;
        paramsStarted = false;
        status = 0;
        cqeFlags = 0;
        resultLength = 0;
        waiter = null;
        state(BUILDING);
    }

    /**
     * Starts the params message in place in the slot's params region. Calls without params may skip this.
     *
     * @param factory params struct type
     * @param <T>     builder type
     * @return the params root; a setter that would outgrow the slot's params region throws
     *     {@link TransportException.ParamsTooLarge} (the call can then only be closed)
     * @throws IllegalStateException              if the call was already sent
     * @throws TransportException.ParamsTooLarge if the region cannot hold even the root
     */
    public <T> T initParams(final FromPointerBuilder<T> factory) {
        requireState(BUILDING, "initParams");
        paramsStarted = true;
        return params.init(factory);
    }

    /**
     * Declares the method idempotent, so that failures after dispatch still report {@link CallException#retrySafe()}.
     *
     * @param value whether the method is idempotent
     * @return this
     */
    public Call idempotent(final boolean value) {
        this.idempotent = value;
        return this;
    }

    /** @return the params length to send, in bytes */
    int paramsLength() {
        return paramsStarted ? params.builtBytes() : 0;
    }

    /** Clears the params region for a call sent without params, so the server reads an empty (default) root. */
    void clearParamsIfUnused() {
        if (!paramsStarted) {
            params.clear();
        }
    }

    /**
     * Sends the call (with any queued RELEASEs) and returns at once; {@link #await()} waits for it.
     *
     * @throws IllegalStateException              if already sent
     * @throws TransportException.ParamsTooLarge if the params did not fit (nothing is sent)
     */
    public void send() {
        requireState(BUILDING, "send");
        if (params.overflowed()) {
            throw TransportException.of(Status.PARAMS_TOO_LARGE, false, idempotent, "params outgrew the slot region");
        }
        client.send(this);
    }

    /**
     * Waits until the call completes.
     *
     * @throws CallException         the call's error: {@link CapException} for an application error,
     *                               {@link TransportException} subtypes otherwise; a deadline or an interrupt
     *                               abandons the call ({@code DeadlineExceeded}, {@code Cancelled}; the interrupt
     *                               flag stays set)
     * @throws IllegalStateException if the call was not sent
     */
    public void await() {
        final int s = state();
        if (s != SENT && s != DONE) {
            throw new IllegalStateException("await on a call in state " + s + " (send it first)");
        }
        client.await(this);
        if (status != Status.OK) {
            throw failure();
        }
    }

    /**
     * Sends and waits: {@link #send()} then {@link #await()}.
     *
     * @throws CallException the call's error
     */
    public void invoke() {
        send();
        await();
    }

    /**
     * Reads the result in place in the slot's result region, bounded by the client's read limits.
     *
     * @param factory result struct type
     * @param <T>     reader type
     * @return the result root; valid until {@link #close()}
     * @throws IllegalStateException if the call has not completed with {@link Status#OK}
     */
    public <T> T result(final FromPointerReader<T> factory) {
        if (state() != DONE || status != Status.OK) {
            throw new IllegalStateException("no result: call " + (state() == DONE ? Status.name(status) : "not complete"));
        }
        return result.read(factory);
    }

    /** @return the completion status (valid once completed) */
    public int status() {
        return status;
    }

    /**
     * Asks the server to cancel this call; the call still completes (usually with {@link Status#CANCELLED}) and
     * must still be awaited or closed.
     */
    public void cancel() {
        if (state() == SENT) {
            client.sendCancel(this);
        }
    }

    /**
     * Frees the slot. A call that was sent but not awaited is abandoned: the slot is freed when its completion
     * arrives. Safe to call twice.
     */
    @Override
    public void close() {
        client.close(this);
    }

    CallException failure() {
        final boolean dispatched = (cqeFlags & Status.FLAG_DISPATCHED) != 0;
        if (status > 0) {
            return new CapException(status, result.readText(resultLength), idempotent);
        }
        return TransportException.of(status, dispatched, idempotent,
            "call to handle 0x" + Integer.toHexString(capHandle) + " method " + methodId);
    }

    private void requireState(final int expected, final String what) {
        final int s = state();
        if (s != expected) {
            throw new IllegalStateException(what + " on a call in state " + s);
        }
    }
}
