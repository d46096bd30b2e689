package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every queue of a ring keeps, run against SQ and CQ in both producer modes and several sizes. */
@ParameterizedClass
@MethodSource("org.capring.ring.QueueSpec#all")
class QueueContractTest {

    @Parameter
    QueueSpec spec;

    private Ring ring;

    private Ring ring() {
        ring = Ring.allocate(spec.layout());
        return ring;
    }

    @AfterEach
    void close() {
        if (ring != null) {
            ring.close();
        }
    }

    private static void offer(final RingProducer<RingEntry> producer, final long value) {
        final RingEntry entry = producer.tryClaim();
        assertNotNull(entry, "queue unexpectedly full offering " + value);
        QueueSpec.tag(entry, value);
        producer.submit();
    }

    /** Drains until {@code limit} entries were taken or the queue is empty (a consumer's cache may split a batch). */
    private static List<Long> drainAll(final RingConsumer<RingEntry> consumer, final int limit) {
        final List<Long> out = new ArrayList<>();
        int taken;
        do {
            taken = consumer.drain(e -> out.add(QueueSpec.tagOf(e)), limit - out.size());
        } while (taken > 0 && out.size() < limit);
        return out;
    }

    @Test
    void drain_emptyQueue_returnsZeroAndCallsNothing() {
        final Ring r = ring();
        final RingConsumer<RingEntry> consumer = spec.consumer(r);
        assertTrue(consumer.isEmpty());
        assertEquals(0, consumer.drain(e -> {
            throw new AssertionError("handler called on empty queue");
        }, 10));
    }

    @Test
    void offerThenDrain_singleEntry_deliveredInPlace() {
        final Ring r = ring();
        final RingProducer<RingEntry> producer = spec.producer(r);
        final RingConsumer<RingEntry> consumer = spec.consumer(r);
        offer(producer, 42);
        assertFalse(consumer.isEmpty());
        assertEquals(List.of(42L), drainAll(consumer, 10));
        assertTrue(consumer.isEmpty());
        assertEquals(1, consumer.position());
    }

    @Test
    void fill_toCapacity_thenFullUntilDrained() {
        final Ring r = ring();
        final RingProducer<RingEntry> producer = spec.producer(r);
        final RingConsumer<RingEntry> consumer = spec.consumer(r);
        for (int i = 0; i < spec.capacity(); i++) {
            offer(producer, i);
        }
        assertNull(producer.tryClaim(), "claim beyond capacity must fail");
        assertFalse(producer.tryClaim(1));
        assertEquals(0, producer.claimed(), "a failed claim leaves nothing claimed");
        final List<Long> first = drainAll(consumer, 1);
        assertEquals(List.of(0L), first);
        offer(producer, spec.capacity());
        assertNull(producer.tryClaim());
        final List<Long> rest = drainAll(consumer, Integer.MAX_VALUE);
        assertEquals(spec.capacity(), rest.size());
        for (int i = 0; i < rest.size(); i++) {
            assertEquals(i + 1L, rest.get(i));
        }
    }

    @Test
    void wrapAround_manyLaps_fifoPreserved() {
        final Ring r = ring();
        final RingProducer<RingEntry> producer = spec.producer(r);
        final RingConsumer<RingEntry> consumer = spec.consumer(r);
        long next = 0;
        long expected = 0;
        for (int lap = 0; lap < 10 * spec.capacity(); lap++) {
            final int batch = 1 + lap % spec.capacity();
            assertTrue(producer.tryClaim(batch));
            for (int i = 0; i < batch; i++) {
                QueueSpec.tag(producer.entry(i), next++);
            }
            producer.submit();
            for (final long v : drainAll(consumer, Integer.MAX_VALUE)) {
                assertEquals(expected++, v);
            }
        }
        assertEquals(next, expected);
        assertEquals(next, consumer.position());
    }

    @Test
    void batch_claimedButNotSubmitted_invisibleToConsumer() {
        final Ring r = ring();
        final RingProducer<RingEntry> producer = spec.producer(r);
        final RingConsumer<RingEntry> consumer = spec.consumer(r);
        assertTrue(producer.tryClaim(2));
        QueueSpec.tag(producer.entry(0), 1);
        QueueSpec.tag(producer.entry(1), 2);
        assertTrue(consumer.isEmpty());
        assertEquals(0, consumer.drain(e -> {
            throw new AssertionError("unsubmitted entry seen");
        }, 10));
        producer.submit();
        assertEquals(List.of(1L, 2L), drainAll(consumer, 10));
    }

    @Test
    void drain_limit_respectedAcrossBatchBoundaries() {
        final Ring r = ring();
        final RingProducer<RingEntry> producer = spec.producer(r);
        final RingConsumer<RingEntry> consumer = spec.consumer(r);
        final int n = spec.capacity();
        assertTrue(producer.tryClaim(n));
        for (int i = 0; i < n; i++) {
            QueueSpec.tag(producer.entry(i), i);
        }
        producer.submit();
        final List<Long> seen = new ArrayList<>();
        while (seen.size() < n) {
            final int limit = 1 + seen.size() % 3;
            final List<Long> got = new ArrayList<>();
            assertEquals(Math.min(limit, n - seen.size()), consumer.drain(e -> got.add(QueueSpec.tagOf(e)), limit));
            assertFalse(got.isEmpty());
            seen.addAll(got);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, seen.get(i));
        }
        assertTrue(consumer.isEmpty());
    }

    @Test
    void claim_whileClaimPending_rejectedAndClaimKept() {
        final Ring r = ring();
        final RingProducer<RingEntry> producer = spec.producer(r);
        final RingConsumer<RingEntry> consumer = spec.consumer(r);
        assertTrue(producer.tryClaim(1));
        assertThrows(IllegalStateException.class, () -> producer.tryClaim(1));
        assertThrows(IllegalStateException.class, producer::tryClaim);
        assertEquals(1, producer.claimed());
        QueueSpec.tag(producer.entry(0), 9);
        producer.submit();
        assertEquals(List.of(9L), drainAll(consumer, 4));
    }

    @Test
    void claim_badCounts_rejected() {
        final RingProducer<RingEntry> producer = spec.producer(ring());
        assertThrows(IllegalArgumentException.class, () -> producer.tryClaim(0));
        assertThrows(IllegalArgumentException.class, () -> producer.tryClaim(-1));
        assertThrows(IllegalArgumentException.class, () -> producer.tryClaim(spec.capacity() + 1));
        assertEquals(0, producer.claimed());
        assertTrue(producer.tryClaim(spec.capacity()), "still usable after rejected claims");
    }

    @Test
    void entry_outsideClaim_rejected() {
        final RingProducer<RingEntry> producer = spec.producer(ring());
        assertThrows(IndexOutOfBoundsException.class, () -> producer.entry(0));
        assertTrue(producer.tryClaim(2));
        assertThrows(IndexOutOfBoundsException.class, () -> producer.entry(2));
        assertThrows(IndexOutOfBoundsException.class, () -> producer.entry(-1));
        assertSame(producer.entry(0), producer.entry(1), "one flyweight per handle");
    }

    @Test
    void submit_withoutClaim_rejected() {
        final RingProducer<RingEntry> producer = spec.producer(ring());
        assertThrows(IllegalStateException.class, producer::submit);
    }

    @Test
    void drain_badLimit_rejected() {
        final RingConsumer<RingEntry> consumer = spec.consumer(ring());
        assertThrows(IllegalArgumentException.class, () -> consumer.drain(e -> { }, 0));
    }

    @Test
    void drain_handlerThrows_entriesUpToTheFailureReleasedAndRestKept() {
        final Ring r = ring();
        final RingProducer<RingEntry> producer = spec.producer(r);
        final RingConsumer<RingEntry> consumer = spec.consumer(r);
        final int n = spec.capacity();
        assertTrue(producer.tryClaim(n));
        for (int i = 0; i < n; i++) {
            QueueSpec.tag(producer.entry(i), i);
        }
        producer.submit();
        final List<Long> seen = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> consumer.drain(e -> {
            seen.add(QueueSpec.tagOf(e));
            if (QueueSpec.tagOf(e) == 0) {
                throw new IllegalStateException("handler failure");
            }
        }, n));
        assertEquals(List.of(0L), seen);
        assertEquals(1, consumer.position());
        assertNotNull(producer.tryClaim(), "the failed entry's space is released");
        QueueSpec.tag(producer.entry(0), n);
        producer.submit();
        final List<Long> rest = drainAll(consumer, Integer.MAX_VALUE);
        assertEquals(n, rest.size());
        assertEquals(1L, rest.get(0));
        assertEquals((long) n, rest.get(n - 1));
    }

    @Test
    void handles_secondConsumerOrSecondSingleProducer_rejected() {
        final Ring r = ring();
        spec.consumer(r);
        assertThrows(IllegalStateException.class, () -> spec.consumer(r));
        spec.producer(r);
        if (spec.mode() == ProducerMode.SINGLE) {
            assertThrows(IllegalStateException.class, () -> spec.producer(r));
        } else {
            assertNotNull(spec.producer(r), "multi-producer queues hand out a handle per thread");
        }
    }

    @Test
    void handles_afterClose_rejected() {
        final Ring r = ring();
        r.close();
        assertTrue(r.isClosed());
        assertThrows(IllegalStateException.class, () -> spec.producer(r));
        assertThrows(IllegalStateException.class, () -> spec.consumer(r));
        r.close();
    }

    @Test
    void multiProducer_interleavedClaims_consumerWaitsForEarlierUnsubmittedRange() {
        if (spec.mode() != ProducerMode.MULTI || spec.capacity() < 4) {
            return;
        }
        final Ring r = ring();
        final RingProducer<RingEntry> a = spec.producer(r);
        final RingProducer<RingEntry> b = spec.producer(r);
        final RingConsumer<RingEntry> consumer = spec.consumer(r);
        assertTrue(a.tryClaim(2));
        assertTrue(b.tryClaim(2));
        QueueSpec.tag(b.entry(0), 3);
        QueueSpec.tag(b.entry(1), 4);
        b.submit();
        assertTrue(consumer.isEmpty(), "b's range sits behind a's unsubmitted range");
        QueueSpec.tag(a.entry(0), 1);
        QueueSpec.tag(a.entry(1), 2);
        a.submit();
        assertEquals(List.of(1L, 2L, 3L, 4L), drainAll(consumer, 10));
    }

    @Test
    void newHandles_resumeFromSharedIndices() {
        final Ring r = ring();
        final RingProducer<RingEntry> producer = spec.producer(r);
        final RingConsumer<RingEntry> consumer = spec.consumer(r);
        for (int i = 0; i < 3 * spec.capacity() + 1; i++) {
            offer(producer, i);
            drainAll(consumer, 1);
        }
        assertEquals(3L * spec.capacity() + 1, consumer.position());
        assertEquals(3L * spec.capacity() + 1, r.buffer().getLong(
            spec.queue().equals("sq") ? RingLayout.SQ_HEAD_OFFSET : RingLayout.CQ_HEAD_OFFSET));
    }
}
