package org.capring.stress.sut;

import org.capring.ring.call.CallException;
import org.capring.ring.call.Status;

/**
 * What a system under test tells the harness about one call: when it was submitted (between
 * {@link #sending(int)} and {@link #sent()}), under which handle epoch, and how it ended. One per call, filled on
 * the caller's thread and read by it afterwards; not thread-safe.
 */
public final class CallTrace {
    private long sendBeginNanos;
    private long sendEndNanos;
    private int epoch;
    private int status = Integer.MIN_VALUE;
    private boolean dispatched;
    private long value;

    /**
     * The call is about to be submitted (its slot is held, its params are built).
     *
     * @param handleEpoch the epoch of the Echo handle it names (see {@link SystemUnderTest#revoke()}); 0 for calls
     *                    that do not name the revocable handle
     */
    public void sending(final int handleEpoch) {
        this.epoch = handleEpoch;
        this.sendBeginNanos = System.nanoTime();
    }

    /** The call's submission returned: the server can see it. */
    public void sent() {
        this.sendEndNanos = System.nanoTime();
    }

    /**
     * The call answered OK.
     *
     * @param resultValue the call id its result carries (Echo's value; the id itself for calls without one)
     */
    public void completed(final long resultValue) {
        this.status = Status.OK;
        this.dispatched = true;
        this.value = resultValue;
    }

    /**
     * The call failed with a typed error.
     *
     * @param e the error
     */
    public void failed(final CallException e) {
        this.status = e.status();
        this.dispatched = e.dispatched();
    }

    /**
     * The call was refused before anything was sent (its client's ring had closed under it: the container is
     * restarting).
     *
     * @param refusal the transport status that says why (not dispatched)
     */
    public void refusedUnsent(final int refusal) {
        this.status = refusal;
        this.dispatched = false;
    }

    /** @return true once {@link #completed}, {@link #failed} or {@link #refusedUnsent} was called */
    public boolean ended() {
        return status != Integer.MIN_VALUE;
    }

    /** @return when submission began, on the {@link System#nanoTime()} clock; 0 if it never began */
    public long sendBeginNanos() {
        return sendBeginNanos;
    }

    /** @return when submission returned; 0 if it never did */
    public long sendEndNanos() {
        return sendEndNanos;
    }

    /** @return the handle epoch the call named */
    public int epoch() {
        return epoch;
    }

    /** @return the status the call ended with */
    public int status() {
        return status;
    }

    /** @return whether the handler may have run, as the error said (true for a completion) */
    public boolean dispatched() {
        return dispatched;
    }

    /** @return the call id the result carried */
    public long value() {
        return value;
    }
}
