package org.capring.ring.call;

import java.util.IdentityHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client's capabilities: a table of (capability, generation) entries, addressed by handles that pack the
 * entry index (low 16 bits) and its generation (high 16 bits, never 0). A stale, forged or revoked handle
 * resolves to nothing. Revoking or releasing an entry bumps its generation, so every handle issued for the old
 * occupant stops working at once.
 *
 * <p>Capabilities enter only by {@link #grant}: at ring setup, or as result capabilities of a call
 * ({@link ServerCall#adopt}). There is no lookup by name and no registry shared between clients: a client can
 * only ever name entries of its own CapSet.
 *
 * <p>Thread-safety: {@link #resolve} is lock-free (one acquire load); grants, revocations and releases take a
 * lock. Generations wrap after 65,535 reuses of one index; a handle kept that long could then alias again.
 */
public final class CapSet {
    /** Most entries a CapSet holds. */
    public static final int MAX_ENTRIES = 1 << 16;
    private static final int INDEX_MASK = 0xFFFF;

    /** An entry: a live capability, or a tombstone (capability null) remembering the last generation. */
    private record Entry(Capability capability, int generation) {
    }

    private final AtomicReferenceArray<Entry> entries;
    /** Live entries per capability (a capability may be granted more than once); guarded by the lock. */
    private final IdentityHashMap<Capability, Integer> references = new IdentityHashMap<>();
    /** Told when a capability's last entry goes: its server may retire what it keeps for it. */
    private volatile Consumer<Capability> lastReferenceListener;
    private final int[] free;
    private final ReentrantLock lock = new ReentrantLock();
    private int freeCount;
    private int highWater;
    private int live;

    /**
     * @param capacity most entries, in [1, {@value #MAX_ENTRIES}]
     * @throws IllegalArgumentException if capacity is out of range
     */
    public CapSet(final int capacity) {
        if (capacity < 1 || capacity > MAX_ENTRIES) {
            throw new IllegalArgumentException("capacity must be in [1, " + MAX_ENTRIES + "]: " + capacity);
        }
        this.entries = new AtomicReferenceArray<>(capacity);
        this.free = new int[capacity];
    }

    /**
     * Grants a capability to this client.
     *
     * @param capability the capability
     * @return the handle the client names it by
     * @throws IllegalStateException if every entry is in use
     */
    public int grant(final Capability capability) {
        java.util.Objects.requireNonNull(capability, "capability");
        lock.lock();
        try {
            final int index;
            if (freeCount > 0) {
                index = free[--freeCount];
            } else if (highWater < entries.length()) {
                index = highWater++;
            } else {
                throw new IllegalStateException("CapSet full: " + entries.length() + " capabilities granted");
            }
            final Entry old = entries.get(index);
            final int generation = old == null ? 1 : nextGeneration(old.generation());
            // Release: publishes the entry to readers that resolve the new handle.
            entries.setRelease(index, new Entry(capability, generation));
            references.merge(capability, 1, Integer::sum);
            live++;
            return generation << 16 | index;
        } finally {
            lock.unlock();
        }
    }

    private static int nextGeneration(final int generation) {
        return generation == 0xFFFF ? 1 : generation + 1;
    }

    /**
     * @param handle a handle of this CapSet, or any int
     * @return the capability it names, or null if the handle is stale, forged or revoked
     */
    public Capability resolve(final int handle) {
        final int index = handle & INDEX_MASK;
        if (index >= entries.length()) {
            return null;
        }
        // Acquire: pairs with the release in grant/revoke.
        final Entry entry = entries.getAcquire(index);
        return entry != null && entry.capability() != null && entry.generation() == handle >>> 16 ? entry.capability() : null;
    }

    /**
     * Revokes the entry a handle names: every handle to it stops resolving, now.
     *
     * @param handle a handle of this CapSet
     * @return true if it named a live entry
     */
    public boolean revoke(final int handle) {
        final int index = handle & INDEX_MASK;
        if (index >= entries.length()) {
            return false;
        }
        final Capability gone;
        lock.lock();
        try {
            final Entry entry = entries.get(index);
            if (entry == null || entry.capability() == null || entry.generation() != handle >>> 16) {
                return false;
            }
            // Release: the tombstone's new generation refuses the old handles.
            entries.setRelease(index, new Entry(null, nextGeneration(entry.generation())));
            free[freeCount++] = index;
            live--;
            final Capability capability = entry.capability();
            gone = references.merge(capability, -1, Integer::sum) == 0 ? capability : null;
            if (gone != null) {
                references.remove(capability);
            }
        } finally {
            lock.unlock();
        }
        final Consumer<Capability> listener = lastReferenceListener;
        if (gone != null && listener != null) {
            listener.accept(gone);
        }
        return true;
    }

    /**
     * @param capability a capability
     * @return true if some handle of this CapSet still names it
     */
    public boolean holds(final Capability capability) {
        lock.lock();
        try {
            return references.containsKey(capability);
        } finally {
            lock.unlock();
        }
    }

    /** Sets who is told, outside the lock, when a capability loses its last entry here. */
    void lastReferenceListener(final Consumer<Capability> listener) {
        this.lastReferenceListener = listener;
    }

    /** @return number of live entries */
    public int size() {
        lock.lock();
        try {
            return live;
        } finally {
            lock.unlock();
        }
    }

    /** @return most entries this CapSet holds */
    public int capacity() {
        return entries.length();
    }
}
