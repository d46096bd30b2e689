package org.capring.ring;

import org.agrona.UnsafeApi;

/**
 * Producer handle for a queue in {@link ProducerMode#SINGLE} mode: one thread, one handle per ring.
 *
 * <p>The claim cursor is private to this handle: claiming touches no shared memory unless the cached copy of the
 * consumer's head says the queue is full. {@link #submit()} commits the entries' sequences (one release store)
 * and records the tail. Wait-free.
 *
 * @param <E> entry flyweight type
 */
public final class SpscProducer<E extends RingEntry> extends RingProducer<E> {
    /** Next position to claim; the shared tail lags it until submit. */
    private long tail;

    // Trailing padding: keeps the next heap object off the hot fields' cache lines (see HandlePadding).
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    SpscProducer(final QueueRegion queue, final E entry) {
        super(queue, entry);
        this.tail = buffer.getLongVolatile(tailOffset);
    }

    @Override
    boolean claimRange(final int count) {
        final long start = tail;
        final long wrapPoint = start + count - capacity;
        if (wrapPoint > headCache) {
            // Acquire: the consumer released these entries after reading them; we may now overwrite them.
            headCache = UnsafeApi.getLongAcquire(array, base + headOffset);
            if (wrapPoint > headCache) {
                return false;
            }
        }
        claimStart = start;
        claimCount = count;
        tail = start + count;
        return true;
    }

    @Override
    void publish(final long start, final int count) {
        super.publish(start, count);
        // Plain: the consumer finds entries by their sequences; the shared tail is a hint for tools and for the
        // attach check, which tolerate it lagging. Only this thread writes the line; it stays in this core's cache.
        UnsafeApi.putLong(array, base + tailOffset, start + count);
    }
}
