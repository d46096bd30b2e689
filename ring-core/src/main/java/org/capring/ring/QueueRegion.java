package org.capring.ring;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Where one queue (SQ or CQ) lives in ring memory, plus the in-process doorbell its consumer parks on.
 * Immutable except for {@link #waiter}.
 */
final class QueueRegion {
    final AtomicBuffer buffer;
    final ProducerMode mode;
    /** Producers signal a parked consumer ({@link WakeupMode#SIGNAL}). */
    final boolean signal;
    final int entriesOffset;
    final int capacity;
    final int mask;
    final int entryShift;
    final int sequenceFieldOffset;
    final int tailOffset;
    final int headOffset;
    final int flagsOffset;
    final String name;

    /**
     * The consumer thread of this process that may be parked on this queue; producers in this process unpark it.
     * Written by the consumer before it raises NEED_WAKEUP (a volatile store), read by producers after they see
     * the flag.
     */
    volatile Thread waiter;

    QueueRegion(
        final String name,
        final AtomicBuffer buffer,
        final ProducerMode mode,
        final WakeupMode wakeup,
        final int entriesOffset,
        final int capacity,
        final int entryLength,
        final int sequenceFieldOffset,
        final int tailOffset,
        final int headOffset,
        final int flagsOffset) {
        this.name = name;
        this.buffer = buffer;
        this.mode = mode;
        this.signal = wakeup == WakeupMode.SIGNAL;
        this.entriesOffset = entriesOffset;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.entryShift = Integer.numberOfTrailingZeros(entryLength);
        this.sequenceFieldOffset = sequenceFieldOffset;
        this.tailOffset = tailOffset;
        this.headOffset = headOffset;
        this.flagsOffset = flagsOffset;
    }

    static QueueRegion sq(final AtomicBuffer buffer, final RingLayout layout) {
        return new QueueRegion("sq", buffer, layout.sqProducers(), layout.sqWakeup(), layout.sqEntriesOffset(), layout.sqCapacity(),
            Sqe.LENGTH, Sqe.SEQUENCE_OFFSET, RingLayout.SQ_TAIL_OFFSET, RingLayout.SQ_HEAD_OFFSET,
            RingLayout.SQ_FLAGS_OFFSET);
    }

    static QueueRegion cq(final AtomicBuffer buffer, final RingLayout layout) {
        return new QueueRegion("cq", buffer, layout.cqProducers(), layout.cqWakeup(), layout.cqEntriesOffset(), layout.cqCapacity(),
            Cqe.LENGTH, Cqe.SEQUENCE_OFFSET, RingLayout.CQ_TAIL_OFFSET, RingLayout.CQ_HEAD_OFFSET,
            RingLayout.CQ_FLAGS_OFFSET);
    }

    /** @return byte offset of the entry that holds {@code position} */
    int entryOffset(final long position) {
        return entriesOffset + (((int) position & mask) << entryShift);
    }
}
