package org.capring.ring.call;

import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.capring.ring.SpinWait;
import org.capring.ring.concurrent.Doorbell;

/**
 * An endpoint's queue: a bounded single-producer single-consumer queue whose consumer parks on a
 * {@link Doorbell} when it is empty, and which the producer closes when no more work will come.
 *
 * <p><b>Protocol.</b> The producer (the server's reader) {@link #offer}s and finally {@link #close}s, both
 * followed by a ring of the doorbell. The consumer (the endpoint loop) {@link #take}s: it returns {@code null}
 * only after it has seen the queue closed <i>and</i> polled it empty once more after that. Because the producer
 * closes after its last offer, seeing the close (a volatile read) makes every earlier offer visible, so that
 * last poll finds them: an item offered before the close is always taken. (The loop this replaces read the
 * retirement flag after an empty poll and left at once; an offer and a retirement that fell between the two
 * reads stranded the offered call, its caller waiting for good.)
 *
 * <p><b>Threads.</b> One producer thread, one consumer thread. Lock-free, allocation-free.
 *
 * @param <T> item type
 */
final class Mailbox<T> {
    private final OneToOneConcurrentArrayQueue<T> queue;
    private final Doorbell bell = new Doorbell();
    private volatile boolean closed;

    /**
     * @param capacity most items queued at once
     */
    Mailbox(final int capacity) {
        this.queue = new OneToOneConcurrentArrayQueue<>(capacity);
    }

    /**
     * Producer: queues an item and wakes the consumer if it sleeps.
     *
     * @param item the item
     * @return false if the queue is full (nothing queued)
     */
    boolean offer(final T item) {
        if (!queue.offer(item)) {
            return false;
        }
        bell.ring();
        return true;
    }

    /** Producer: no more items will come; the consumer takes what is queued, then gets {@code null}. */
    void close() {
        // Volatile store: orders every earlier offer before the consumer's read of the flag.
        closed = true;
        bell.ring();
    }

    /**
     * Consumer: the next item, waiting for one (a budgeted spin, then a park) while the queue is open and empty.
     *
     * @param spin the consumer's spin before parking
     * @return the next item, or null once the queue is closed and empty
     */
    T take(final SpinWait spin) {
        while (true) {
            T item = queue.poll();
            if (item != null) {
                spin.reset();
                return item;
            }
            if (closed) {
                // Seen after the close: every item offered before it is visible now.
                item = queue.poll();
                spin.reset();
                return item;
            }
            if (spin.spin()) {
                continue;
            }
            // An interrupt is meant for a running handler (shutdown cancelling it); between calls it would only
            // turn the park below into a busy loop.
            Thread.interrupted();
            bell.arm();
            try {
                if (queue.isEmpty() && !closed) {
                    bell.park(0);
                }
            } finally {
                bell.disarm();
            }
        }
    }

    /** @return true once closed (a snapshot) */
    boolean isClosed() {
        return closed;
    }
}
