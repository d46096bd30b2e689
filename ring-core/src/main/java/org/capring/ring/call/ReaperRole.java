package org.capring.ring.call;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The right to drain a client's CQ: exactly one thread holds it at a time (the CQ has one consumer handle),
 * whatever the {@link CompletionMode}: a waiting caller, the janitor, {@link RingClient#reapNow()}, or the
 * dedicated reaper thread, which holds it for the client's whole life. Callers that wait while another thread
 * reaps register as followers and park on their slot's doorbell; whoever gives the role up wakes one of them, so
 * that somebody always reaps while a caller waits.
 *
 * <p><b>Protocol.</b> The role is one word: FREE, HELD or CLOSED. A follower arms its slot's doorbell, pushes
 * its slot on the followers stack, and only then re-checks the role (and its call); a holder that gives the role
 * up stores FREE and only then pops followers, ringing the first one that is armed. Of the follower's push-then-
 * read and the holder's write-then-pop one always sees the other: either the follower finds the role free and
 * takes it, or the holder finds the follower and wakes it. A popped follower that is not armed is awake and will
 * look at the role itself. Once the client has terminated the role is CLOSED for good, by whoever holds it or
 * finds it free, and that thread closes the CQ handle.
 *
 * <p>Thread-safe, lock-free.
 */
final class ReaperRole {
    private static final int FREE = 0;
    private static final int HELD = 1;
    private static final int CLOSED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ReaperRole.class, "state", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CallSlot[] slots;
    private final IndexStack followers;
    private final Runnable onClosed;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    private volatile boolean closing;

    /**
     * @param slots    the client's call slots (followers are named by slot index)
     * @param onClosed run once, by the thread that closes the role (it may use the CQ handle)
     */
    ReaperRole(final CallSlot[] slots, final Runnable onClosed) {
        this.slots = slots;
        this.followers = new IndexStack(Math.max(1, slots.length));
        this.onClosed = onClosed;
    }

    /** @return true if the caller now holds the role (and must {@link #release()} it) */
    boolean tryAcquire() {
        // CAS: takes the role; pairs with the release store of the previous holder (its CQ reads happen-before).
        return STATE.compareAndSet(this, FREE, HELD);
    }

    /** @return true while some thread holds the role (a snapshot) */
    boolean isHeld() {
        return (int) STATE.getVolatile(this) == HELD;
    }

    /** Gives the role up and wakes one waiting follower; closes the role if the client has terminated. */
    void release() {
        // Volatile store: the role is free before followers are popped (see the class comment).
        STATE.setVolatile(this, FREE);
        if (closing) {
            closeIfFree();
            return;
        }
        wakeFollower();
    }

    /** Wakes one follower whose call is still in flight and who is parked; a no-op if none is. */
    void wakeFollower() {
        int index;
        while ((index = followers.pop()) >= 0) {
            final CallSlot slot = slots[index];
            slot.leaveFollowers();
            if (CallSlot.stateOf(slot.stamp()) == CallSlot.SENT && slot.bell.ring()) {
                return;
            }
        }
    }

    /**
     * A caller that waits for its call while another thread reaps: registers its slot (whose doorbell it has
     * armed) as a follower. The caller then re-checks the role and its call before it parks.
     *
     * @param slot the caller's slot
     */
    void follow(final CallSlot slot) {
        if (slot.enterFollowers()) {
            followers.push(slot.slot);
        }
    }

    /** The client has terminated: close the role now if it is free, else when its holder gives it up. */
    void close() {
        closing = true;
        closeIfFree();
    }

    private void closeIfFree() {
        // CAS: of the closer and a releasing holder exactly one sees FREE and closes.
        if (STATE.compareAndSet(this, FREE, CLOSED)) {
            onClosed.run();
        }
    }

    /** @return true once closed */
    boolean isClosed() {
        return (int) STATE.getVolatile(this) == CLOSED;
    }
}
