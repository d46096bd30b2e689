package org.capring.ring.call;

import org.capnproto.FromPointerBuilder;
import org.capnproto.FromPointerReader;

/**
 * One call as its handler sees it: which method, the params (read in place from the caller's slot), the result
 * (built in place in the slot's result region), cancellation and deadline, and result-capability adoption.
 *
 * <p>There is one instance per call slot, reused for every call through that slot: valid only while the
 * handler runs, and only on the handler's thread.
 */
public final class ServerCall {
    final RingServer server;
    final int slot;
    final RegionMessage params;
    final RegionMessage result;

    long userData;
    /** The handle the caller named (for the {@link RefusalObserver} of a call refused after admission). */
    int capHandle;
    int paramsLength;
    long interfaceId;
    int methodId;
    long deadlineNanos;
    Capability capability;
    /** Set by a CANCEL entry or by shutdown; read by the handler and before dispatch. */
    volatile boolean cancelled;
    /** The server holds this slot: set by the reader on dispatch, cleared just before the completion. */
    volatile boolean busy;
    private boolean resultStarted;

    ServerCall(final RingServer server, final int slot, final RegionMessage params, final RegionMessage result) {
        this.server = server;
        this.slot = slot;
        this.params = params;
        this.result = result;
    }

    void begin() {
        resultStarted = false;
    }

    boolean resultStarted() {
        return resultStarted;
    }

    /** @return the method ordinal within the interface */
    public int methodId() {
        return methodId;
    }

    /** @return the interface the caller named (the capability's) */
    public long interfaceId() {
        return interfaceId;
    }

    /** @return the capability being called */
    public Capability capability() {
        return capability;
    }

    /** @return bytes of params the caller sent */
    public int paramsLength() {
        return paramsLength;
    }

    /**
     * @return the call slot index: the slot belongs to this call from its submission until its handler returned (the
     *     server refuses a call into a slot still busy), so a container may key per-call state by it
     */
    public int slot() {
        return slot;
    }

    /** @return absolute deadline on the {@link System#nanoTime()} clock, 0 for none */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * @return true once the caller (or shutdown) cancelled this call; a long handler should check and stop,
     *     throwing nothing special: the server answers {@link Status#CANCELLED} for a cancelled call whose
     *     handler ends with an exception
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Reads the params in place. Reads are bounded by the params length the caller sent (within the slot region)
     * and by the server's traversal and nesting limits; a malformed message fails inside the capnp runtime,
     * answered as {@link Status#DECODE_ERROR}.
     *
     * @param factory params struct type
     * @param <T>     reader type
     * @return the params root
     */
    public <T> T params(final FromPointerReader<T> factory) {
        return params.read(factory, paramsLength);
    }

    /**
     * Starts the result message in place in the slot's result region.
     *
     * @param factory result struct type
     * @param <T>     builder type
     * @return the result root; a result that outgrows the region fails the call with
     *     {@link Status#RESULT_TOO_LARGE} (never truncated)
     */
    public <T> T initResult(final FromPointerBuilder<T> factory) {
        resultStarted = true;
        return result.init(factory);
    }

    /**
     * Grants a capability to the calling client as a result capability: the client names it by the returned
     * handle, which the handler puts in its result.
     *
     * @param capability capability to hand to the caller
     * @return the handle in the caller's CapSet
     * @throws IllegalStateException if the caller's CapSet is full
     */
    public int adopt(final Capability capability) {
        return server.capSet().grant(capability);
    }
}
