package org.capring.ring;

import org.agrona.UnsafeApi;

/**
 * Producer handle for a queue in {@link ProducerMode#MULTI} mode: any number of threads (and processes), one
 * handle per thread.
 *
 * <p>A claim is a CAS of the shared tail (the claim counter) from {@code t} to {@code t + n}, after checking the
 * range against the cached head; {@link #submit()} commits the entries' sequences as every producer does. A
 * range claimed but not yet submitted holds back the consumer at that position, so ranges are submitted in
 * any order and consumed in position order. This is Vyukov's bounded queue specialised to one consumer.
 * Lock-free.
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
        final Object array = this.array;
        final long tailAddress = base + tailOffset;
        final int capacity = this.capacity;
        while (true) {
            final long start = UnsafeApi.getLongVolatile(array, tailAddress);
            final long wrapPoint = start + count - capacity;
            if (wrapPoint > headCache) {
                // Acquire: entries below the head were read and released by the consumer.
                headCache = UnsafeApi.getLongAcquire(array, base + headOffset);
                if (wrapPoint > headCache) {
                    return false;
                }
            }
            // CAS: reserves [start, start + count) for this handle against other producers.
            if (UnsafeApi.compareAndSetLong(array, tailAddress, start, start + count)) {
                claimStart = start;
                claimCount = count;
                return true;
            }
        }
    }

}
