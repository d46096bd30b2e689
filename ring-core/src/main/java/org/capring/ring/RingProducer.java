package org.capring.ring;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Objects;

import org.agrona.UnsafeApi;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * A producer's handle on one queue of a ring: claim entries, fill them in place, submit them.
 *
 * {@snippet :
 * RingProducer<Sqe> sq = ring.newSqProducer();
 * if (sq.tryClaim(2)) {
 *     sq.entry(0).opcode(Sqe.OP_CALL).capHandle(handle).methodId(0).userData(1);
 *     sq.entry(1).opcode(Sqe.OP_RELEASE).capHandle(other).userData(2);
 *     sq.submit();                        // one release store publishes both entries
 * }
 * }
 *
 * <p><b>Protocol.</b> A handle holds at most one claimed range of consecutive positions. {@link #tryClaim(int)}
 * reserves it, {@link #entry(int)} exposes its entries, {@link #submit()} publishes all of them at once through
 * their commit sequences (one release store per batch). Every
 * claimed entry must be submitted (fill the ones you do not need with {@link Sqe#OP_NOP}); the consumer
 * reads entries in position order and waits for each one.
 *
 * <p><b>Threads.</b> A handle belongs to one thread. With {@link ProducerMode#SINGLE} the ring hands out one
 * handle; with {@link ProducerMode#MULTI} each producer thread takes its own handle from the ring.
 *
 * <p><b>Waking the consumer.</b> In {@link WakeupMode#SIGNAL} queues, after publishing, {@link #submit()}
 * issues a full fence and then reads the queue's NEED_WAKEUP flag (the io_uring SQPOLL rule); the consumer
 * raises the flag with a volatile store and re-checks the queue before it parks. Either the consumer sees the
 * new entries or the producer sees the flag, so a wake-up cannot be lost. {@link WakeupMode#POLL} queues skip
 * both: their consumer never parks.
 *
 * <p><b>Progress.</b> {@link #tryClaim(int)} is wait-free for a single producer and lock-free for many;
 * the consumer's progress depends on every claimed range being submitted. A claim that cannot be filled (the
 * caller failed half-way) is given up with {@link #abort()}, which publishes it as NOP entries.
 *
 * <p><b>Lifetime.</b> A handle holds a lease on the ring memory until {@link #close()} (or until it is
 * garbage-collected), so the memory outlives every handle that can touch it. Closing a single-producer handle
 * lets the ring hand out a new one.
 *
 * @param <E> {@link Sqe} for the submission queue, {@link Cqe} for the completion queue
 */
public abstract sealed class RingProducer<E extends RingEntry> extends HandlePadding
    implements AutoCloseable permits SpscProducer, MpscProducer {
    final QueueRegion queue;
    // Hot values copied out of the region: one load each on the hot path, no pointer chase after a barrier.
    // Memory is accessed through Agrona's UnsafeApi at (array, base + offset): every offset below was checked
    // against the ring's length when the layout was validated, so no access needs its own bounds check.
    final AtomicBuffer buffer;
    final Object array;
    final long base;
    final int capacity;
    private final int entriesOffset;
    private final int mask;
    private final int entryShift;
    private final int sequenceField;
    final int headOffset;
    final int tailOffset;
    private final boolean signal;
    private final E entry;
    /** Cached copy of the consumer's head; re-read only when the cache says the queue is full. */
    long headCache;
    long claimStart;
    int claimCount;
    /** Set by {@link #close()} on the owning thread; checked before every claim. */
    private boolean closed;
    private final Cleaner.Cleanable lease;

    RingProducer(final QueueRegion queue, final E entry) {
        this.queue = queue;
        this.buffer = queue.buffer;
        this.array = buffer.byteArray();
        this.base = buffer.addressOffset();
        this.capacity = queue.capacity;
        this.entriesOffset = queue.entriesOffset;
        this.mask = queue.mask;
        this.entryShift = queue.entryShift;
        this.sequenceField = queue.sequenceFieldOffset;
        this.headOffset = queue.headOffset;
        this.tailOffset = queue.tailOffset;
        this.signal = queue.signal;
        this.entry = entry;
        entry.buffer(buffer);
        // Acquire: a handle created after other producers ran starts from what they published.
        this.headCache = buffer.getLongVolatile(headOffset);
        this.lease = queue.memory.lease(this);
    }

    /**
     * Claims {@code count} consecutive entries, or none when the queue lacks room.
     *
     * @param count entries to claim, in [1, capacity]
     * @return true if claimed; false if the queue is full (nothing changed)
     * @throws IllegalArgumentException if {@code count} is out of range
     * @throws IllegalStateException    if this handle already holds a claim that was not submitted
     */
    public final boolean tryClaim(final int count) {
        if (claimCount != 0) {
            throw new IllegalStateException(queue.name + ": " + claimCount + " claimed entries not submitted yet");
        }
        if (count < 1 || count > capacity) {
            throw new IllegalArgumentException(queue.name + ": claim count must be in [1, " + queue.capacity + "]: " + count);
        }
        if (closed) {
            throw new IllegalStateException(queue.name + ": producer handle is closed");
        }
        final boolean claimed = claimRange(count);
        Reference.reachabilityFence(this); // the lease must outlive every access of this handle
        return claimed;
    }

    /**
     * Claims one entry.
     *
     * @return the claimed entry, ready to fill, or null if the queue is full
     * @throws IllegalStateException if this handle already holds a claim that was not submitted
     */
    public final E tryClaim() {
        return tryClaim(1) ? entry(0) : null;
    }

    /**
     * Claims {@code count} entries, idling with {@code idle} while the queue is full. On a virtual thread use an
     * idle strategy that parks (for example Agrona's {@code SleepingIdleStrategy}), never one that spins.
     *
     * @param count entries to claim, in [1, capacity]
     * @param idle  what to do while the queue is full
     * @return true once claimed; false if the thread was interrupted first (its interrupt flag stays set)
     * @throws IllegalArgumentException if {@code count} is out of range
     * @throws IllegalStateException    if this handle already holds a claim that was not submitted
     */
    public final boolean claim(final int count, final IdleStrategy idle) {
        idle.reset();
        while (!tryClaim(count)) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            idle.idle();
        }
        return true;
    }

    /**
     * @param index entry of the current claim, in [0, claimed())
     * @return the entry, ready to fill; valid until the next call to {@code entry} on this handle
     * @throws IndexOutOfBoundsException if {@code index} is not within the claim
     */
    public final E entry(final int index) {
        Objects.checkIndex(index, claimCount);
        entry.moveTo(entryOffset(claimStart + index));
        return entry;
    }

    /** @return number of entries claimed and not yet submitted */
    public final int claimed() {
        return claimCount;
    }

    /**
     * Publishes every entry of the current claim to the consumer and, in a {@link WakeupMode#SIGNAL} queue, wakes
     * the consumer if it sleeps.
     *
     * @throws IllegalStateException if nothing is claimed
     */
    public final void submit() {
        final int count = claimCount;
        if (count == 0) {
            throw new IllegalStateException(queue.name + ": nothing claimed");
        }
        claimCount = 0;
        publish(claimStart, count);
        if (signal) {
            // Fences the publication above before the doorbell's read of the waiter (the io_uring SQPOLL rule);
            // pairs with the consumer's arm and re-check in RingConsumer.park.
            queue.doorbell.ring();
        }
        Reference.reachabilityFence(this);
    }

    /**
     * Gives up the current claim: publishes every claimed entry as a zeroed entry, which the SQ's consumer reads
     * as a {@link Sqe#OP_NOP} and the call runtime's CQ reaper as a completion for nobody (userData 0 is never a
     * call's), so the consumer never waits for entries that will not come. For a caller that fails between
     * claim and submit. Does nothing if nothing is claimed.
     */
    public final void abort() {
        final int count = claimCount;
        for (int i = 0; i < count; i++) {
            entry(i).clear();
        }
        if (count > 0) {
            submit();
        }
    }

    /**
     * Closes the handle: it can no longer claim, and its lease on the ring memory is given back. A claim still
     * held is aborted first ({@link #abort()}). Idempotent; call it from the owning thread.
     */
    @Override
    public final void close() {
        if (closed) {
            return;
        }
        abort();
        closed = true;
        if (queue.mode == ProducerMode.SINGLE) {
            queue.singleProducerTaken.set(false);
        }
        lease.clean();
    }

    /** @return true once closed */
    public final boolean isClosed() {
        return closed;
    }

    /** @return byte offset of the entry that holds {@code position} */
    final int entryOffset(final long position) {
        return entriesOffset + (((int) position & mask) << entryShift);
    }

    /** Reserves {@code count} positions starting at {@link #claimStart}; false if full. */
    abstract boolean claimRange(int count);

    /**
     * Commits the range: each entry's sequence becomes {@code position + 1}, the entries after the first with
     * plain stores, then the first with one release store, which orders them all (the consumer reads in
     * position order, so it acquires the first before it looks at the others). A sequence names its lap, so an
     * entry left from the previous lap is never mistaken for a new one.
     */
    void publish(final long start, final int count) {
        final Object array = this.array;
        final long sequenceBase = base + sequenceField;
        for (int i = 1; i < count; i++) {
            final long position = start + i;
            UnsafeApi.putLong(array, sequenceBase + entryOffset(position), position + 1);
        }
        // Release: publishes the whole range; the consumer acquires this sequence before it reads any entry of it.
        UnsafeApi.putLongRelease(array, sequenceBase + entryOffset(start), start + 1);
    }
}
