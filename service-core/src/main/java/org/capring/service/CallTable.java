package org.capring.service;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The contexts of one holder's calls in flight, by the ring slot each call occupies: registering a call is one
 * compare-and-set into its slot's cell, with no allocation and no shared counter, because a ring slot belongs to one
 * call from its submission until the handler returned. A call that finds its cell taken (a capability that serves
 * calls of another ring, whose slots this table does not own, after it was passed on) is kept in a concurrent set
 * instead; every drainer sees both.
 *
 * <p><b>Threads.</b> Any number of call threads register and unregister, each only the context it registered; any
 * thread may walk the table while they do ({@link #forEach} sees every context registered before the walk began and
 * not unregistered before it reached the cell).
 */
final class CallTable {
    private final AtomicReferenceArray<CallContext> bySlot;
    private final Set<CallContext> overflow = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param slots call slots of the holder's ring */
    CallTable(final int slots) {
        bySlot = new AtomicReferenceArray<>(slots);
    }

    /**
     * @param slot the ring slot the call occupies
     * @param ctx  the call's context, not yet registered
     * @return true if registered in its cell, false if in the overflow set (pass it to {@link #unregister})
     */
    boolean register(final int slot, final CallContext ctx) {
        if (slot >= 0 && slot < bySlot.length() && bySlot.compareAndSet(slot, null, ctx)) {
            return true;
        }
        overflow.add(ctx);
        return false;
    }

    /**
     * @param slot   the slot given to {@link #register}
     * @param ctx    the registered context
     * @param inCell what {@link #register} returned
     */
    void unregister(final int slot, final CallContext ctx, final boolean inCell) {
        if (inCell) {
            bySlot.set(slot, null);
        } else {
            overflow.remove(ctx);
        }
    }

    /** @param action called with every context registered now */
    void forEach(final Consumer<CallContext> action) {
        for (int i = 0; i < bySlot.length(); i++) {
            final CallContext ctx = bySlot.get(i);
            if (ctx != null) {
                action.accept(ctx);
            }
        }
        overflow.forEach(action);
    }

    /**
     * The holder's ring closed. Calls may still register here (a capability passed on to another ring serves them
     * through this table): {@link #isRetired()} says when the table may be forgotten, and a call that registers in a
     * closed table tracks it again.
     */
    void close() {
        closed = true;
    }

    /** @return true once the holder's ring closed */
    boolean isClosed() {
        return closed;
    }

    /** @return true once closed with no call registered now: its service may forget it until a call registers */
    boolean isRetired() {
        if (!closed || !overflow.isEmpty()) {
            return false;
        }
        for (int i = 0; i < bySlot.length(); i++) {
            if (bySlot.get(i) != null) {
                return false;
            }
        }
        return true;
    }
}
