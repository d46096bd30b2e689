package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wake-up protocol of a multi-producer queue: a producer commits its entries' sequences, fences and reads the
 * doorbell; the consumer arms the doorbell (a volatile store), re-checks the commit sequence of the entry at its head
 * and only then parks. Several producers each submit one entry, wait until it is consumed, and submit the next;
 * between claim and submit each waits a random few spins, so the consumer often finds the entry at its head claimed
 * and not yet committed while a later one is. The consumer parks, with no timeout, whenever a drain finds nothing.
 * Each producer judges lost wake-ups with {@link WakeupWatch}: parked, still armed in the doorbell, 10 ms after the
 * entry was committed.
 *
 * <p>{@link #startTogether_jitteredRace_noWakeupLost} aims at the race itself: each round the producer and the
 * consumer start together and wait a random few spins each, so that the consumer's "arm, re-check" falls again and
 * again onto the producer's "claim, fill, commit, fence, read the doorbell". {@code -Dcapring.stress.long=true} runs
 * 50 times more rounds.
 */
class MpscWakeupTest {
    private static final int ROUNDS = Boolean.getBoolean("capring.stress.long") ? 2_500_000 : 50_000;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void manyProducers_claimThenPauseThenSubmit_noWakeupLost(final int producers) throws InterruptedException {
        final RingLayout layout = RingLayout.builder().sqCapacity(8).sqProducers(ProducerMode.MULTI)
            .slots(0, 0, 0).build();
        try (Ring ring = Ring.allocate(layout)) {
            final RingConsumer<Sqe> consumer = ring.newSqConsumer();
            // consumed[p] = 1 + the last round of producer p the consumer took
            final AtomicLongArray consumed = new AtomicLongArray(producers);
            final EntryHandler<Sqe> handler = e -> consumed.lazySet(e.capHandle(), e.userData() + 1);
            final long total = (long) ROUNDS * producers;
            final Thread consumerThread = Thread.ofPlatform().name("mpsc-wakeup-consumer").start(() -> {
                long taken = 0;
                while (taken < total) {
                    final int n = consumer.drain(handler, 8);
                    taken += n;
                    if (n == 0) {
                        consumer.park(0);
                    }
                }
            });
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final long[] lost = new long[producers];
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                final int id = p;
                final RingProducer<Sqe> producer = ring.newSqProducer();
                threads.add(Thread.ofPlatform().name("mpsc-wakeup-producer-" + p).start(() -> {
                    try {
                        lost[id] = produce(ring, producer, id, consumed, consumerThread);
                    } catch (final Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            for (final Thread t : threads) {
                t.join();
            }
            consumerThread.join();
            assertNull(failure.get());
            long lostTotal = 0;
            for (final long l : lost) {
                lostTotal += l;
            }
            assertEquals(0, lostTotal, "wake-ups lost in " + total + " submits");
            for (int p = 0; p < producers; p++) {
                assertEquals(ROUNDS, consumed.get(p));
            }
        }
    }

    @Test
    void startTogether_jitteredRace_noWakeupLost() throws InterruptedException {
        final RingLayout layout = RingLayout.builder().sqCapacity(8).sqProducers(ProducerMode.MULTI)
            .slots(0, 0, 0).build();
        final int rounds = 4 * ROUNDS;
        try (Ring ring = Ring.allocate(layout)) {
            final RingConsumer<Sqe> consumer = ring.newSqConsumer();
            final RingProducer<Sqe> producer = ring.newSqProducer();
            final AtomicLong go = new AtomicLong(-1);
            final AtomicLong consumed = new AtomicLong();
            final EntryHandler<Sqe> handler = e -> consumed.lazySet(e.userData() + 1);
            final Thread consumerThread = Thread.ofPlatform().name("mpsc-race-consumer").start(() -> {
                final SplittableRandom random = new SplittableRandom(42);
                for (long round = 0; round < rounds; round++) {
                    while (go.get() < round) {
                        Thread.onSpinWait();
                    }
                    for (int spins = random.nextInt(32); spins > 0; spins--) {
                        Thread.onSpinWait();
                    }
                    while (consumer.drain(handler, 8) == 0) {
                        consumer.park(0);
                    }
                }
            });
            final SplittableRandom random = new SplittableRandom(7);
            long lost = 0;
            for (long round = 0; round < rounds; round++) {
                go.set(round);
                for (int spins = random.nextInt(32); spins > 0; spins--) {
                    Thread.onSpinWait();
                }
                Sqe sqe;
                while ((sqe = producer.tryClaim()) == null) {
                    Thread.onSpinWait();
                }
                sqe.opcode(Sqe.OP_NOP).userData(round);
                producer.submit();
                lost += WakeupWatch.awaitConsumed(ring, consumerThread, consumed::get, round);
            }
            consumerThread.join();
            assertEquals(0, lost, "wake-ups lost in " + rounds + " rounds");
            assertEquals(rounds, consumed.get());
        }
    }

    private static long produce(final Ring ring, final RingProducer<Sqe> producer, final int id,
                                final AtomicLongArray consumed, final Thread consumerThread) {
        final SplittableRandom random = new SplittableRandom(id);
        long lost = 0;
        for (long round = 0; round < ROUNDS; round++) {
            Sqe sqe;
            while ((sqe = producer.tryClaim()) == null) {
                Thread.onSpinWait();
            }
            sqe.opcode(Sqe.OP_NOP).capHandle(id).userData(round);
            for (int spins = random.nextInt(4); spins > 0; spins--) {
                Thread.onSpinWait();
            }
            producer.submit();
            lost += WakeupWatch.awaitConsumed(ring, consumerThread, () -> consumed.get(id), round);
        }
        return lost;
    }
}
