package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Races the consumer's "raise NEED_WAKEUP, re-check, park" against the producer's "publish, fence, read flag"
 * once per round, for many rounds. The consumer parks with no back-off and no timeout whenever the queue is
 * empty, so a lost wake-up leaves an entry in the queue while the consumer sleeps for good. After its submit
 * returned, a correct producer has either been seen by the consumer's re-check or has taken the consumer out of
 * the queue's doorbell and unparked it; so "consumer parked, still armed in the doorbell, flag still raised,
 * entry still pending" is a lost wake-up, not slowness ({@link WakeupWatch} counts each one and unparks the
 * consumer to go on). Removing either the producer's
 * fence or the consumer's re-check makes this test fail.
 *
 * <p>{@code -Dcapring.stress.long=true} runs 50 times more rounds.
 */
class LostWakeupTest {
    private static final int ROUNDS = Boolean.getBoolean("capring.stress.long") ? 10_000_000 : 200_000;

    @ParameterizedTest
    @EnumSource(ProducerMode.class)
    void pingPong_parkEveryTimeEmpty_noWakeupLost(final ProducerMode mode) throws InterruptedException {
        final RingLayout layout = RingLayout.builder().sqCapacity(8).sqProducers(mode).slots(0, 0, 0).build();
        try (Ring ring = Ring.allocate(layout)) {
            final RingProducer<Sqe> producer = ring.newSqProducer();
            final RingConsumer<Sqe> consumer = ring.newSqConsumer();
            final AtomicLong consumed = new AtomicLong();
            final EntryHandler<Sqe> handler = e -> consumed.lazySet(e.userData() + 1);
            final Thread consumerThread = Thread.ofPlatform().name("lost-wakeup-consumer").start(() -> {
                while (consumed.get() < ROUNDS) {
                    if (consumer.drain(handler, 8) == 0) {
                        consumer.park(0);
                    }
                }
            });
            int lost = 0;
            for (long round = 0; round < ROUNDS; round++) {
                producer.tryClaim().opcode(Sqe.OP_NOP).userData(round);
                producer.submit();
                lost += WakeupWatch.awaitConsumed(ring, consumerThread, consumed::get, round);
            }
            consumerThread.join();
            assertEquals(0, lost, "wake-ups lost in " + ROUNDS + " rounds");
            assertEquals(ROUNDS, consumed.get());
        }
    }
}
