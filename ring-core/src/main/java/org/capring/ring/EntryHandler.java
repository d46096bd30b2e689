package org.capring.ring;

/**
 * Receives entries drained from a queue, in place. The entry is valid only during the call: it is a flyweight
 * over ring memory that the producer may reuse once the call returns and the batch is released.
 *
 * @param <E> {@link Sqe} or {@link Cqe}
 */
@FunctionalInterface
public interface EntryHandler<E extends RingEntry> {
    /**
     * @param entry the next entry; do not keep a reference to it after returning
     */
    void onEntry(E entry);
}
