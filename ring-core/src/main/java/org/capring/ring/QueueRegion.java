package org.capring.ring;

import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.AtomicBuffer;
import org.capring.ring.concurrent.Doorbell;

/**
 * Where one queue (SQ or CQ) lives in ring memory, plus the in-process doorbell its consumer parks on and the
 * claims on its one consumer handle and (single-producer mode) its one producer handle.
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

    /** The consumer thread of this process that parks on this queue arms it; producers in this process ring it. */
    final Doorbell doorbell = new Doorbell();
    /** Leases on the ring memory: one per open handle. */
    final RingMemory memory;
    /** The consumer handle is taken (until closed). */
    final AtomicBoolean consumerTaken = new AtomicBoolean();
    /** The single-producer handle is taken (until closed); unused in multi-producer mode. */
    final AtomicBoolean singleProducerTaken = new AtomicBoolean();

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
        final int flagsOffset,
        final RingMemory memory) {
        this.name = name;
        this.memory = memory;
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

    static QueueRegion sq(final AtomicBuffer buffer, final RingLayout layout, final RingMemory memory) {
        return new QueueRegion("sq", buffer, layout.sqProducers(), layout.sqWakeup(), layout.sqEntriesOffset(), layout.sqCapacity(),
            Sqe.LENGTH, Sqe.SEQUENCE_OFFSET, RingLayout.SQ_TAIL_OFFSET, RingLayout.SQ_HEAD_OFFSET,
            RingLayout.SQ_FLAGS_OFFSET, memory);
    }

    static QueueRegion cq(final AtomicBuffer buffer, final RingLayout layout, final RingMemory memory) {
        return new QueueRegion("cq", buffer, layout.cqProducers(), layout.cqWakeup(), layout.cqEntriesOffset(), layout.cqCapacity(),
            Cqe.LENGTH, Cqe.SEQUENCE_OFFSET, RingLayout.CQ_TAIL_OFFSET, RingLayout.CQ_HEAD_OFFSET,
            RingLayout.CQ_FLAGS_OFFSET, memory);
    }

    /** @return byte offset of the entry that holds {@code position} */
    int entryOffset(final long position) {
        return entriesOffset + (((int) position & mask) << entryShift);
    }
}
