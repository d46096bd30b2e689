package org.capring.ring;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Consumer of a queue whose producers are {@link ProducerMode#MULTI}: an entry is ready when its commit sequence
 * equals its position + 1. Entries are checked in order, so a claimed but unsubmitted entry stops the batch.
 *
 * @param <E> entry flyweight type
 */
public final class MpscConsumer<E extends RingEntry> extends RingConsumer<E> {

    // Trailing padding: keeps the next heap object off the hot fields' cache lines (see HandlePadding).
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    MpscConsumer(final QueueRegion queue, final E entry) {
        super(queue, entry);
    }

    @Override
    int available(final int limit) {
        final AtomicBuffer buffer = queue.buffer;
        final int sequenceField = queue.sequenceFieldOffset;
        final long start = head;
        int ready = 0;
        while (ready < limit) {
            final long position = start + ready;
            // Acquire: pairs with the producer's release of this (or its batch's first) sequence.
            if (buffer.getLongAcquire(queue.entryOffset(position) + sequenceField) != position + 1) {
                break;
            }
            ready++;
        }
        return ready;
    }
}
