package org.capring.ring;

/**
 * Consumer of a queue whose producer is {@link ProducerMode#SINGLE}: acquires the producer's tail, and re-reads
 * it only when the cached copy says the queue is empty.
 *
 * @param <E> entry flyweight type
 */
public final class SpscConsumer<E extends RingEntry> extends RingConsumer<E> {
    private long tailCache;

    // Trailing padding: keeps the next heap object off the hot fields' cache lines (see HandlePadding).
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    SpscConsumer(final QueueRegion queue, final E entry) {
        super(queue, entry);
        this.tailCache = head;
    }

    @Override
    int available(final int limit) {
        long ready = tailCache - head;
        if (ready == 0) {
            // Acquire: pairs with the producer's release of the tail; entries below it are fully written.
            tailCache = queue.buffer.getLongAcquire(queue.tailOffset);
            ready = tailCache - head;
        }
        return (int) Math.min(ready, limit);
    }
}
