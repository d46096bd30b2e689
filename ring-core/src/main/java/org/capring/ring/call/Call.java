package org.capring.ring.call;

import org.capnproto.FromPointerBuilder;
import org.capnproto.FromPointerReader;

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
 * <p>A {@code Call} is one use of a slot: once closed (or abandoned after a deadline or an interrupt) it no
 * longer touches the slot, whoever holds the slot next. {@link #close()} is idempotent. Use a call from one
 * thread at a time.
 */
public final class Call implements AutoCloseable {
    final CallSlot slot;
    final int generation;

    Call(final CallSlot slot, final int generation) {
        this.slot = slot;
        this.generation = generation;
    }

    /** @return this call's state, or FREE once the slot is no longer this call's */
    int state() {
        return slot.state(generation);
    }

    /**
     * Starts the params message in place in the slot's params region. Calls without params may skip this.
     *
     * @param factory params struct type
     * @param <T>     builder type
     * @return the params root; a setter that would outgrow the slot's params region throws
     *     {@link TransportException.ParamsTooLarge} (the call can then only be closed)
     * @throws IllegalStateException              if the call was already sent or closed
     * @throws TransportException.ParamsTooLarge if the region cannot hold even the root
     */
    public <T> T initParams(final FromPointerBuilder<T> factory) {
        requireState(CallSlot.BUILDING, "initParams");
        slot.paramsStarted = true;
        return slot.params.init(factory);
    }

    /**
     * Declares the method idempotent, so that failures after dispatch still report {@link CallException#retrySafe()}.
     *
     * @param value whether the method is idempotent
     * @return this
     * @throws IllegalStateException if the call was already sent or closed
     */
    public Call idempotent(final boolean value) {
        requireState(CallSlot.BUILDING, "idempotent");
        slot.idempotent = value;
        return this;
    }

    /**
     * Sends the call (with any queued RELEASEs) and returns at once; {@link #await()} waits for it.
     *
     * @throws IllegalStateException              if already sent or closed
     * @throws TransportException.ParamsTooLarge if the params did not fit (nothing is sent)
     */
    public void send() {
        requireState(CallSlot.BUILDING, "send");
        if (slot.params.overflowed()) {
            throw TransportException.of(Status.PARAMS_TOO_LARGE, false, slot.idempotent,
                "params outgrew the slot region");
        }
        slot.client.send(slot, generation);
    }

    /**
     * Waits until the call completes.
     *
     * @throws CallException         the call's error: {@link CapException} for an application error,
     *                               {@link TransportException} subtypes otherwise; a deadline or an interrupt
     *                               abandons the call ({@code DeadlineExceeded}, {@code Cancelled}; the interrupt
     *                               flag stays set)
     * @throws IllegalStateException if the call was not sent, or was closed
     */
    public void await() {
        final int s = state();
        if (s != CallSlot.SENT && s != CallSlot.DONE) {
            throw new IllegalStateException("await on a call that is " + describe(s) + " (send it first)");
        }
        slot.client.await(slot, generation);
        if (slot.status != Status.OK) {
            throw slot.failure();
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
     * Reads the result in place in the slot's result region, bounded by the result length the server reported
     * and by the client's read limits.
     *
     * @param factory result struct type
     * @param <T>     reader type
     * @return the result root; valid until {@link #close()}
     * @throws IllegalStateException            if the call has not completed with {@link Status#OK}
     * @throws TransportException.DecodeError if the completion names a result length the region cannot hold
     */
    public <T> T result(final FromPointerReader<T> factory) {
        final int s = state();
        if (s != CallSlot.DONE || slot.status != Status.OK) {
            throw new IllegalStateException("no result: the call is "
                + (s == CallSlot.DONE ? "done with " + Status.name(slot.status) : describe(s)));
        }
        final int length = slot.resultLength;
        if (length < 0 || length > slot.result.region().capacity() || (length & 7) != 0) {
            throw TransportException.of(Status.DECODE_ERROR, true, slot.idempotent, "the server reported a result of "
                + length + " bytes for a " + slot.result.region().capacity() + "-byte region");
        }
        return slot.result.read(factory, length);
    }

    /**
     * @return the completion status (valid once completed)
     * @throws IllegalStateException if the call has not completed, or was closed
     */
    public int status() {
        requireState(CallSlot.DONE, "status");
        return slot.status;
    }

    /**
     * Asks the server to cancel this call; the call still completes (usually with {@link Status#CANCELLED}) and
     * must still be awaited or closed. Does nothing unless the call is in flight.
     */
    public void cancel() {
        // Read before the state check: if the call is still ours and in flight after it, the handle was ours.
        final int capHandle = slot.capHandle;
        if (state() == CallSlot.SENT) {
            slot.client.sendCancel(slot, generation, capHandle);
        }
    }

    /**
     * Frees the slot. A call that was sent but not awaited is abandoned: the slot is freed when its completion
     * arrives. Idempotent, and harmless after the slot went to another call.
     */
    @Override
    public void close() {
        slot.client.close(slot, generation);
    }

    private void requireState(final int expected, final String what) {
        final int s = state();
        if (s != expected) {
            throw new IllegalStateException(what + " on a call that is " + describe(s));
        }
    }

    private static String describe(final int state) {
        return switch (state) {
            case CallSlot.BUILDING -> "being built";
            case CallSlot.SENT -> "in flight";
            case CallSlot.DONE -> "done";
            case CallSlot.ABANDONED -> "abandoned";
            default -> "closed";
        };
    }

    @Override
    public String toString() {
        return "Call{slot=" + slot.slot + ", generation=" + generation + ", " + describe(state()) + "}";
    }
}
