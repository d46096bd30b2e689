package org.capring.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A key's share of the pool: the slots its connections live in and its permit counts. Slots are read lock-free with
 * acquire loads (the borrow fast path) and written only under the pool lock with release stores; the counts are
 * guarded by the pool lock. {@link #revoked} is written once, under the lock, and read anywhere.
 *
 * @param <C> the connection type
 */
final class KeyState<C extends Poolable> {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(PooledEntry[].class);

    final PoolKey key;
    /** A short id for metrics labels, unique within the pool. */
    final String id;
    /** Metrics label values: pool, key id, target, tenant. */
    final String[] labels;
    final PooledEntry<C>[] slots;
    /** Connections of this key (in slots) plus connects in progress; guarded by the pool lock. */
    int permits;
    /** Connects in progress; guarded by the pool lock. */
    int connecting;
    /** Acquires of this key waiting; guarded by the pool lock. */
    int waiting;
    /** Set when the key's authority epoch is revoked; never cleared. */
    volatile boolean revoked;

    @SuppressWarnings("unchecked")
    KeyState(final PoolKey key, final String id, final String poolName, final int maxPerKey) {
        this.key = key;
        this.id = id;
        this.labels = new String[] {poolName, id, key.socketAddress().toString(), key.tenant()};
        this.slots = (PooledEntry<C>[]) new PooledEntry<?>[maxPerKey];
    }

    @SuppressWarnings("unchecked")
    PooledEntry<C> slotAcquire(final int index) {
        return (PooledEntry<C>) SLOTS.getAcquire(slots, index);
    }

    void setSlotRelease(final int index, final PooledEntry<C> entry) {
        // Release store: publishes the fully built entry (or its removal) to lock-free borrowers.
        SLOTS.setRelease(slots, index, entry);
    }
}
