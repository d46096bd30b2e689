package org.capring.ring;

import java.lang.foreign.Arena;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lifetime of one ring's memory: a count of leases, one held by the {@link Ring} itself until
 * {@link Ring#close()} and one by every open queue handle. The memory is released (the arena closed, the file
 * unmapped) when the last lease goes, never earlier, so no handle can touch memory that was freed under it.
 * A handle that is dropped without {@code close()} gives its lease back when the garbage collector finds it
 * unreachable (a {@link Cleaner}).
 *
 * <p>Thread-safe, lock-free.
 */
final class RingMemory {
    private static final Cleaner CLEANER = Cleaner.create();

    /** Owner of the memory, or null when the caller owns it (nothing to release). */
    private final Arena arena;
    /** Leases: 1 for the ring until it is closed, plus one per open handle; 0 once released. */
    private final AtomicInteger leases = new AtomicInteger(1);

    RingMemory(final Arena arena) {
        this.arena = arena;
    }

    /**
     * Takes a lease for a new handle, given back by the returned cleanable (at {@code close()}, or when the
     * handle becomes unreachable).
     *
     * @param handle the handle the lease belongs to
     * @return what gives the lease back, once
     * @throws IllegalStateException if the memory was released already
     */
    Cleaner.Cleanable lease(final Object handle) {
        while (true) {
            final int held = leases.get();
            if (held == 0) {
                throw new IllegalStateException("ring memory is released");
            }
            // CAS: a lease is only ever added while another one keeps the memory alive.
            if (leases.compareAndSet(held, held + 1)) {
                break;
            }
        }
        return CLEANER.register(handle, new Release(this));
    }

    /** Gives back one lease; the last one releases the memory. */
    void release() {
        if (leases.decrementAndGet() == 0 && arena != null) {
            arena.close();
        }
    }

    /** @return leases held, including the ring's own while it is open; 0 once the memory is released */
    int leases() {
        return leases.get();
    }

    /** Gives back one handle's lease, at most once. Holds no reference to the handle. */
    private static final class Release implements Runnable {
        private final RingMemory memory;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(final RingMemory memory) {
            this.memory = memory;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                memory.release();
            }
        }
    }
}
