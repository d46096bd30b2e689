package org.capring.ring.call;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.capring.ring.RingProducer;
import org.capring.ring.Sqe;
import org.capring.ring.concurrent.Doorbell;

/**
 * One call slot of a {@link RingClient}: its params and result regions, its producer handle, and the state of
 * the call that holds it.
 *
 * <p>State and generation share one word (the stamp, {@code generation << 8 | state}), and every transition is a
 * CAS on the whole stamp. A {@link Call} handle carries the generation it was issued for, so an old handle can
 * never move the slot of a later call; the reaper uses the generation in the CQE's userData the same way.
 * Generations are 32-bit and never 0 (they wrap from -1 to 1), so no call's userData is ever 0: a zeroed CQE
 * (an aborted claim) completes nobody. A handle could alias a later call only after 2^32 - 1 further calls
 * through its slot.
 *
 * <pre>
 *   FREE --newCall--> BUILDING --send--> SENT --CQE--> DONE --close--> FREE
 *                        |                 |
 *                        +--close--> FREE  +--deadline, interrupt or close--> ABANDONED --CQE--> FREE
 * </pre>
 */
final class CallSlot {
    static final int FREE = 0;
    static final int BUILDING = 1;
    static final int SENT = 2;
    static final int DONE = 3;
    static final int ABANDONED = 4;

    private static final VarHandle STAMP;
    private static final VarHandle IN_FOLLOWERS;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STAMP = lookup.findVarHandle(CallSlot.class, "stamp", long.class);
            IN_FOLLOWERS = lookup.findVarHandle(CallSlot.class, "inFollowers", boolean.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final RingClient client;
    final int slot;
    final RegionMessage params;
    final RegionMessage result;
    final RingProducer<Sqe> sq;

    /** Owned by the holder of the current generation while BUILDING. */
    int capHandle;
    long interfaceId;
    int methodId;
    long deadlineNanos;
    boolean idempotent;
    boolean paramsStarted;

    /** Written by the reaper before it publishes DONE. */
    int status;
    int cqeFlags;
    int resultLength;

    @SuppressWarnings("unused") // accessed through STAMP
    private volatile long stamp;
    /** The caller waiting for this slot's call parks here; the reaper rings it on completion or hand-off. */
    final Doorbell bell = new Doorbell();
    @SuppressWarnings("unused") // accessed through IN_FOLLOWERS
    private volatile boolean inFollowers;

    CallSlot(final RingClient client, final int slot, final RegionMessage params, final RegionMessage result,
             final RingProducer<Sqe> sq) {
        this.client = client;
        this.slot = slot;
        this.params = params;
        this.result = result;
        this.sq = sq;
    }

    /** @return the generation after {@code generation}: 32-bit, wrapping past -1 to 1, never 0 */
    static int nextGeneration(final int generation) {
        final int next = generation + 1;
        return next == 0 ? 1 : next;
    }

    static int generationOf(final long stamp) {
        return (int) (stamp >>> 8);
    }

    static int stateOf(final long stamp) {
        return (int) stamp & 0xFF;
    }

    long stamp() {
        return (long) STAMP.getAcquire(this);
    }

    /** @return the state, if the slot still holds call {@code generation}; FREE otherwise */
    int state(final int generation) {
        final long s = stamp();
        return generationOf(s) == generation ? stateOf(s) : FREE;
    }

    /** Moves the slot's own call from one state to another; fails if the state or the generation differ. */
    boolean cas(final int generation, final int expected, final int next) {
        return STAMP.compareAndSet(this, (long) generation << 8 | expected, (long) generation << 8 | next);
    }

    /** A free slot taken by a new call: next generation, BUILDING. Only the holder of the slot's permit calls it. */
    int acquire(final int handle, final long iface, final int method, final long deadline) {
        final int generation = nextGeneration(generationOf(stamp()));
        capHandle = handle;
        interfaceId = iface;
        methodId = method;
        deadlineNanos = deadline;
        idempotent = false;
        paramsStarted = false;
        status = 0;
        cqeFlags = 0;
        resultLength = 0;
        // Release: publishes the fields above with the new generation.
        STAMP.setRelease(this, (long) generation << 8 | BUILDING);
        return generation;
    }

    /** The userData of call {@code generation}: what its CQE echoes. */
    long userData(final int generation) {
        return (long) generation << 32 | slot;
    }

    boolean enterFollowers() {
        return IN_FOLLOWERS.compareAndSet(this, false, true);
    }

    void leaveFollowers() {
        IN_FOLLOWERS.setRelease(this, false);
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

    CallException failure() {
        final boolean dispatched = (cqeFlags & Status.FLAG_DISPATCHED) != 0;
        if (status > 0) {
            return new CapException(status, result.readText(resultLength), idempotent);
        }
        return TransportException.of(status, dispatched, idempotent,
            "call to handle 0x" + Integer.toHexString(capHandle) + " method " + methodId);
    }
}
