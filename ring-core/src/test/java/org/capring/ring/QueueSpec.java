package org.capring.ring;

import java.util.List;
import java.util.stream.Stream;

/**
 * One queue configuration under test: which queue of the ring, how many producers, how many entries. Tests
 * drive both queues through {@link #producer(Ring)} / {@link #consumer(Ring)} and tag entries through
 * {@link #tag}/{@link #tagOf}, which use each entry's userData.
 */
record QueueSpec(String queue, ProducerMode mode, int capacity) {

    static Stream<QueueSpec> all() {
        return List.of("sq", "cq").stream().flatMap(q -> Stream.of(ProducerMode.values())
            .flatMap(m -> Stream.of(2, 4, 64).map(c -> new QueueSpec(q, m, c))));
    }

    RingLayout layout() {
        final RingLayout.Builder b = RingLayout.builder().slots(0, 0, 0);
        if (queue.equals("sq")) {
            return b.sqCapacity(capacity).cqCapacity(2).sqProducers(mode).build();
        }
        return b.sqCapacity(2).cqCapacity(capacity).cqProducers(mode).build();
    }

    @SuppressWarnings("unchecked")
    RingProducer<RingEntry> producer(final Ring ring) {
        return (RingProducer<RingEntry>) (queue.equals("sq") ? ring.newSqProducer() : ring.newCqProducer());
    }

    @SuppressWarnings("unchecked")
    RingConsumer<RingEntry> consumer(final Ring ring) {
        return (RingConsumer<RingEntry>) (queue.equals("sq") ? ring.newSqConsumer() : ring.newCqConsumer());
    }

    static void tag(final RingEntry entry, final long value) {
        if (entry instanceof final Sqe sqe) {
            sqe.userData(value).opcode(Sqe.OP_NOP).deadlineNanos(~value);
        } else {
            ((Cqe) entry).userData(value).status((int) value).resultLength((int) (value >>> 32));
        }
    }

    static long tagOf(final RingEntry entry) {
        if (entry instanceof final Sqe sqe) {
            if (sqe.deadlineNanos() != ~sqe.userData()) {
                throw new AssertionError("torn sqe: " + sqe);
            }
            return sqe.userData();
        }
        final Cqe cqe = (Cqe) entry;
        if (cqe.status() != (int) cqe.userData() || cqe.resultLength() != (int) (cqe.userData() >>> 32)) {
            throw new AssertionError("torn cqe: " + cqe);
        }
        return cqe.userData();
    }

    @Override
    public String toString() {
        return queue + "/" + mode + "/" + capacity;
    }
}
