package org.capring.ring;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;

import org.agrona.UnsafeApi;
import org.agrona.concurrent.AtomicBuffer;

/**
 * The consumer's handle on one queue of a ring: drains entries in place, in position order, in batches.
 *
 * {@snippet :
 * RingConsumer<Sqe> sq = ring.sqConsumer();
 * IdleStrategy idle = ConsumerIdleStrategy.forCurrentThread(sq);
 * while (running) {
 *     idle.idle(sq.drain(handler, 64));   // spins, yields, then parks with NEED_WAKEUP
 * }
 * }
 *
 * <p><b>Threads.</b> Exactly one consumer thread per queue (per ring, across processes). {@link #drain} finds
 * ready entries by their commit sequence (position + 1, written by the producer), hands each to the handler in
 * place, then releases the whole batch with one release store of the head. The consumer never reads the
 * producers' tail, so in the common case the only cache lines that move between the two sides are the entries
 * themselves. Allocation-free. Wait-free.
 *
 * <p><b>Sleeping.</b> {@link #park(long)} implements the consumer half of the wake-up protocol: arm the
 * queue's {@link org.capring.ring.concurrent.Doorbell} (a volatile store), raise NEED_WAKEUP in ring memory for
 * tools and other processes, re-check the queue, and only then park.
 *
 * <p><b>Lifetime.</b> The handle holds a lease on the ring memory until {@link #close()} (or until it is
 * garbage-collected); once it is closed the ring hands out a new consumer handle, which starts where this one
 * released.
 *
 * @param <E> {@link Sqe} or {@link Cqe}
 */
public final class RingConsumer<E extends RingEntry> extends HandlePadding implements AutoCloseable {
    private final QueueRegion queue;
    // Hot values copied out of the region: one load each on the hot path, no pointer chase after a barrier.
    // Memory is accessed through Agrona's UnsafeApi at (array, base + offset), offsets checked once by the layout.
    private final AtomicBuffer buffer;
    private final Object array;
    private final long base;
    private final int entriesOffset;
    private final int mask;
    private final int entryShift;
    private final int sequenceField;
    private final int headOffset;
    private final E entry;
    /** Next position to read; the shared head lags it until the batch is released. */
    private long head;
    /** Set by {@link #close()} on the owning thread; checked before every drain. */
    private boolean closed;
    private final Cleaner.Cleanable lease;
    // Trailing padding: keeps the next heap object off the hot fields' cache lines (see HandlePadding).
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    RingConsumer(final QueueRegion queue, final E entry) {
        this.queue = queue;
        this.buffer = queue.buffer;
        this.array = buffer.byteArray();
        this.base = buffer.addressOffset();
        this.entriesOffset = queue.entriesOffset;
        this.mask = queue.mask;
        this.entryShift = queue.entryShift;
        this.sequenceField = queue.sequenceFieldOffset;
        this.headOffset = queue.headOffset;
        this.entry = entry;
        entry.buffer(buffer);
        // Acquire: a consumer that takes over starts where the previous one released.
        this.head = buffer.getLongVolatile(headOffset);
        this.lease = queue.memory.lease(this);
    }

    /**
     * Hands up to {@code limit} available entries to {@code handler}, in position order, then releases them to
     * the producers with one store. If the handler throws, the entries handed out so far (including the one it
     * threw on) are released and the exception propagates.
     *
     * @param handler receives each entry in place
     * @param limit   most entries to take, at least 1
     * @return number of entries taken (0 if the queue was empty)
     * @throws IllegalArgumentException if {@code limit < 1}
     * @throws IllegalStateException    if the handle is closed
     */
    public int drain(final EntryHandler<? super E> handler, final int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException(queue.name + ": drain limit must be at least 1: " + limit);
        }
        if (closed) {
            throw new IllegalStateException(queue.name + ": consumer handle is closed");
        }
        final int available = available(limit);
        if (available == 0) {
            return 0;
        }
        final long start = head;
        final E entry = this.entry;
        int taken = 0;
        try {
            while (taken < available) {
                entry.moveTo(entryOffset(start + taken));
                taken++;
                handler.onEntry(entry);
            }
        } finally {
            head = start + taken;
            // Release: hands the entries back to producers, which acquire the head before overwriting them.
            UnsafeApi.putLongRelease(array, base + headOffset, head);
            Reference.reachabilityFence(this); // the lease must outlive every access of this handle
        }
        return taken;
    }

    /**
     * Counts the entries ready from {@link #head}, at most {@code limit}: an entry is ready when its commit
     * sequence equals its position + 1. Checking in order means a claimed but unsubmitted entry ends the batch.
     */
    private int available(final int limit) {
        final Object array = this.array;
        final long sequenceBase = base + sequenceField;
        final long start = head;
        int ready = 0;
        while (ready < limit) {
            final long position = start + ready;
            // Acquire: pairs with the producer's release of this sequence, or of its batch's first sequence
            // (acquired earlier in this loop or an earlier drain), which ordered this entry's plain stores.
            if (UnsafeApi.getLongAcquire(array, sequenceBase + entryOffset(position)) != position + 1) {
                break;
            }
            ready++;
        }
        return ready;
    }

    /**
     * @return true if no entry is ready for this consumer (a snapshot; acquires what it sees)
     */
    public boolean isEmpty() {
        if (closed) {
            throw new IllegalStateException(queue.name + ": consumer handle is closed");
        }
        final boolean empty = available(1) == 0;
        Reference.reachabilityFence(this);
        return empty;
    }

    private int entryOffset(final long position) {
        return entriesOffset + (((int) position & mask) << entryShift);
    }

    /** @return how this queue's consumer waits */
    public WakeupMode wakeupMode() {
        return queue.signal ? WakeupMode.SIGNAL : WakeupMode.POLL;
    }

    /** @return position of the next entry this consumer will read (entries consumed since the ring was created) */
    public long position() {
        return head;
    }

    /**
     * Sleeps until a producer submits, or {@code maxParkNanos} pass, or the thread is unparked or interrupted.
     * Returns at once if the queue is not empty. Producers in this process unpark the consumer; producers in
     * another process cannot, so a consumer fed across processes must pass a bounded {@code maxParkNanos}.
     *
     * @param maxParkNanos longest sleep; 0 or less sleeps until woken
     * @throws IllegalStateException if the queue is {@link WakeupMode#POLL}: its producers never wake anyone
     */
    public void park(final long maxParkNanos) {
        if (!queue.signal) {
            throw new IllegalStateException(queue.name + " is " + WakeupMode.POLL + ": its consumer must poll, not park");
        }
        // Release: NEED_WAKEUP in ring memory tells tools and other processes that the consumer sleeps; producers
        // of this process wake it through the doorbell, armed next.
        buffer.putIntRelease(queue.flagsOffset, RingLayout.NEED_WAKEUP);
        queue.doorbell.arm();
        try {
            if (isEmpty()) {
                queue.doorbell.park(maxParkNanos);
            }
        } finally {
            queue.doorbell.disarm();
            // Release: lowers the flag; the consumer is awake.
            buffer.putIntRelease(queue.flagsOffset, 0);
        }
    }

    /**
     * Closes the handle: it can no longer drain, its lease on the ring memory is given back, and the ring may
     * hand out a new consumer handle. Idempotent; call it from the owning thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.consumerTaken.set(false);
        lease.clean();
    }

    /** @return true once closed */
    public boolean isClosed() {
        return closed;
    }
}
