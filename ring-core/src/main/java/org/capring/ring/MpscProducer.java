package org.capring.ring;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Producer handle for a queue in {@link ProducerMode#MULTI} mode: any number of threads (and processes), one
 * handle per thread.
 *
 * <p>A claim is a CAS of the shared tail (the claim counter) from {@code t} to {@code t + n}, after checking the
 * range against the cached head. Each entry's commit sequence is set to {@code position + 1} when published:
 * the entries after the first with plain stores, then the first with one release store, which orders them all
 * (the consumer reads in position order, so it acquires the first before it looks at the others). A sequence
 * names its lap, so stale entries from the previous lap are never mistaken for new ones. This is Vyukov's
 * bounded queue specialised to one consumer. Lock-free.
 *
 * @param <E> entry flyweight type
 */
public final class MpscProducer<E extends RingEntry> extends RingProducer<E> {

    // Trailing padding: keeps the next heap object off the hot fields' cache lines (see HandlePadding).
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    MpscProducer(final QueueRegion queue, final E entry) {
        super(queue, entry);
    }

    @Override
    boolean claimRange(final int count) {
        final AtomicBuffer buffer = queue.buffer;
        final int tailOffset = queue.tailOffset;
        final int capacity = queue.capacity;
        while (true) {
            final long start = buffer.getLongVolatile(tailOffset);
            final long wrapPoint = start + count - capacity;
            if (wrapPoint > headCache) {
                // Acquire: entries below the head were read and released by the consumer.
                headCache = buffer.getLongAcquire(queue.headOffset);
                if (wrapPoint > headCache) {
                    return false;
                }
            }
            // CAS: reserves [start, start + count) for this handle against other producers.
            if (buffer.compareAndSetLong(tailOffset, start, start + count)) {
                claimStart = start;
                claimCount = count;
                return true;
            }
        }
    }

    @Override
    void publish(final long start, final int count) {
        final AtomicBuffer buffer = queue.buffer;
        final int sequenceField = queue.sequenceFieldOffset;
        for (int i = 1; i < count; i++) {
            final long position = start + i;
            buffer.putLong(queue.entryOffset(position) + sequenceField, position + 1);
        }
        // Release: publishes the whole range; the consumer acquires this sequence before it reads any entry of it.
        buffer.putLongRelease(queue.entryOffset(start) + sequenceField, start + 1);
    }
}
