package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded randomized stress of both queues in both producer modes: producers submit random-sized batches,
 * the consumer drains with random limits and parks when idle. Every entry carries (producer, sequence) and a
 * checksum of both; the consumer checks 0 lost, 0 duplicated, FIFO per producer, no torn entry.
 *
 * <p>The seed is printed; rerun one with {@code -Dcapring.stress.seed=<seed>}. {@code -Dcapring.stress.long=true}
 * sends 50 times as many entries.
 */
class QueueStressTest {
    private static final long SEED = Long.getLong("capring.stress.seed", System.nanoTime());
    private static final int PER_PRODUCER = Boolean.getBoolean("capring.stress.long") ? 10_000_000 : 200_000;

    record Case(String queue, ProducerMode mode, int producers, int capacity, boolean virtualProducers, WakeupMode wakeup) {
        Case(final String queue, final ProducerMode mode, final int producers, final int capacity, final boolean virtual) {
            this(queue, mode, producers, capacity, virtual, WakeupMode.SIGNAL);
        }

        @Override
        public String toString() {
            return queue + "/" + mode + "/" + producers + "p/cap" + capacity + (virtualProducers ? "/virtual" : "")
                + "/" + wakeup;
        }
    }

    static List<Case> cases() {
        return List.of(
            new Case("sq", ProducerMode.SINGLE, 1, 64, false),
            new Case("sq", ProducerMode.SINGLE, 1, 2, false),
            new Case("sq", ProducerMode.MULTI, 3, 64, false),
            new Case("sq", ProducerMode.MULTI, 4, 8, true),
            new Case("cq", ProducerMode.MULTI, 3, 16, false),
            new Case("cq", ProducerMode.SINGLE, 1, 32, true),
            new Case("sq", ProducerMode.MULTI, 2, 16, false, WakeupMode.POLL),
            new Case("cq", ProducerMode.SINGLE, 1, 64, false, WakeupMode.POLL));
    }

    static long checksum(final long producer, final long sequence) {
        return Long.rotateLeft((producer * 0xBF58476D1CE4E5B9L) ^ (sequence * 0x94D049BB133111EBL), 29);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void randomBatches_everyEntryOnceInOrderIntact(final Case c) throws InterruptedException {
        System.out.println("QueueStressTest " + c + " seed=" + SEED);
        final QueueSpec spec = new QueueSpec(c.queue(), c.mode(), c.capacity());
        final RingLayout layout = spec.layout();
        try (Ring ring = Ring.allocate(RingLayout.builder().sqCapacity(layout.sqCapacity())
            .cqCapacity(layout.cqCapacity()).sqProducers(layout.sqProducers()).cqProducers(layout.cqProducers())
            .sqWakeup(c.wakeup()).cqWakeup(c.wakeup()).slots(0, 0, 0).build())) {
            final RingConsumer<RingEntry> consumer = spec.consumer(ring);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < c.producers(); p++) {
                final int id = p;
                final RingProducer<RingEntry> producer = spec.producer(ring);
                final Runnable body = () -> {
                    try {
                        produce(producer, id, new SplittableRandom(SEED + id), c.capacity(), c.virtualProducers());
                    } catch (final Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                };
                producers.add(c.virtualProducers()
                    ? Thread.ofVirtual().name("stress-producer-" + id).start(body)
                    : Thread.ofPlatform().name("stress-producer-" + id).start(body));
            }

            final long[] next = new long[c.producers()];
            final String[] error = {null};
            final EntryHandler<RingEntry> check = e -> {
                final long tag = QueueSpec.tagOf(e);
                final int producer = (int) (tag >>> 48);
                final long sequence = (tag >>> 16) & 0xFFFF_FFFFL;
                final long sum = tag & 0xFFFF;
                if (producer >= next.length) {
                    error[0] = "unknown producer " + producer;
                } else if (sequence != next[producer]) {
                    error[0] = "producer " + producer + ": expected sequence " + next[producer] + ", got " + sequence;
                } else if (sum != (checksum(producer, sequence) & 0xFFFF)) {
                    error[0] = "checksum mismatch at producer " + producer + " sequence " + sequence;
                } else {
                    next[producer]++;
                }
            };
            final SplittableRandom random = new SplittableRandom(SEED ^ 0xC0FFEE);
            final IdleStrategy idle = ConsumerIdleStrategy.forCurrentThread(consumer);
            final long total = (long) PER_PRODUCER * c.producers();
            long received = 0;
            long lastProgress = System.nanoTime();
            while (received < total && error[0] == null && failure.get() == null) {
                final int n = consumer.drain(check, 1 + random.nextInt(2 * c.capacity()));
                received += n;
                if (n > 0) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(60)) {
                    error[0] = "no progress for 60 s at " + received + " of " + total;
                }
                idle.idle(n);
            }
            for (final Thread t : producers) {
                t.join(TimeUnit.MINUTES.toMillis(1));
            }
            assertNull(failure.get(), () -> "producer failed: " + failure.get());
            assertNull(error[0], () -> error[0] + " (seed " + SEED + ")");
            assertEquals(total, received);
            for (int p = 0; p < next.length; p++) {
                assertEquals(PER_PRODUCER, next[p], "entries of producer " + p);
            }
            assertTrue(consumer.isEmpty(), "no entry beyond those sent");
        }
    }

    private static void produce(
        final RingProducer<RingEntry> producer,
        final int id,
        final SplittableRandom random,
        final int capacity,
        final boolean virtual) {
        final IdleStrategy idle = virtual ? new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(20))
            : new BackoffIdleStrategy(50, 10, 1_000, 100_000);
        long sequence = 0;
        while (sequence < PER_PRODUCER) {
            final int batch = (int) Math.min(1 + random.nextInt(capacity), PER_PRODUCER - sequence);
            if (!producer.claim(batch, idle)) {
                throw new IllegalStateException("interrupted");
            }
            for (int i = 0; i < batch; i++) {
                final long s = sequence + i;
                QueueSpec.tag(producer.entry(i), ((long) id << 48) | (s << 16) | (checksum(id, s) & 0xFFFF));
            }
            producer.submit();
            sequence += batch;
            if (random.nextInt(64) == 0) {
                Thread.yield();
            }
        }
    }
}
