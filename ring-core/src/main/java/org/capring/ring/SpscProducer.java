package org.capring.ring;

/**
 * Producer handle for a queue in {@link ProducerMode#SINGLE} mode: one thread, one handle per ring.
 *
 * <p>The tail is private to this handle until {@link #submit()} publishes it with one release store per batch;
 * the consumer acquires it. The consumer's head is read only when the cached copy says the queue is full.
 * Wait-free.
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
        this.tail = queue.buffer.getLongVolatile(queue.tailOffset);
    }

    @Override
    boolean claimRange(final int count) {
        final long start = tail;
        final long wrapPoint = start + count - queue.capacity;
        if (wrapPoint > headCache) {
            // Acquire: the consumer released these entries after reading them; we may now overwrite them.
            headCache = queue.buffer.getLongAcquire(queue.headOffset);
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
        // Release: publishes the entries written since the claim to the consumer, which acquires the tail.
        queue.buffer.putLongRelease(queue.tailOffset, start + count);
    }
}
