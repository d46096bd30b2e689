package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.junit.jupiter.api.Test;

class WakeupModeTest {

    private static Ring ring(final WakeupMode mode) {
        return Ring.allocate(RingLayout.builder().sqCapacity(4).sqWakeup(mode).cqWakeup(mode).slots(0, 0, 0).build());
    }

    @Test
    void poll_parkRejected_consumerStillDrains() {
        try (Ring ring = ring(WakeupMode.POLL)) {
            final RingConsumer<Sqe> consumer = ring.newSqConsumer();
            assertEquals(WakeupMode.POLL, consumer.wakeupMode());
            assertThrows(IllegalStateException.class, () -> consumer.park(1));
            assertThrows(IllegalStateException.class,
                () -> new ConsumerIdleStrategy(consumer, NoOpIdleStrategy.INSTANCE, 0, 0));
            final RingProducer<Sqe> producer = ring.newSqProducer();
            producer.tryClaim().userData(5);
            producer.submit();
            assertEquals(1, consumer.drain(e -> assertEquals(5, e.userData()), 4));
        }
    }

    @Test
    void poll_submitNeverTouchesTheFlag() {
        try (Ring ring = ring(WakeupMode.POLL)) {
            ring.buffer().putInt(RingLayout.SQ_FLAGS_OFFSET, RingLayout.NEED_WAKEUP);
            final RingProducer<Sqe> producer = ring.newSqProducer();
            producer.tryClaim().userData(1);
            producer.submit();
            assertEquals(RingLayout.NEED_WAKEUP, ring.buffer().getInt(RingLayout.SQ_FLAGS_OFFSET));
        }
    }

    @Test
    void forCurrentThread_pollQueue_backsOffWithTimedSleepsNotParking() throws Exception {
        try (Ring ring = ring(WakeupMode.POLL)) {
            final RingConsumer<Sqe> consumer = ring.newSqConsumer();
            assertInstanceOf(BackoffIdleStrategy.class, ConsumerIdleStrategy.forCurrentThread(consumer));
            final AtomicReference<IdleStrategy> fromVirtual = new AtomicReference<>();
            Thread.ofVirtual().start(() -> fromVirtual.set(ConsumerIdleStrategy.forCurrentThread(consumer))).join();
            assertInstanceOf(BackoffIdleStrategy.class, fromVirtual.get());
        }
    }

    @Test
    void signal_parkedConsumer_wokenBySubmit() throws Exception {
        try (Ring ring = ring(WakeupMode.SIGNAL)) {
            final RingConsumer<Sqe> consumer = ring.newSqConsumer();
            final RingProducer<Sqe> producer = ring.newSqProducer();
            final CountDownLatch parking = new CountDownLatch(1);
            final AtomicReference<Long> got = new AtomicReference<>();
            final Thread waiter = Thread.ofVirtual().start(() -> {
                final IdleStrategy idle = ConsumerIdleStrategy.forCurrentThread(consumer);
                parking.countDown();
                while (consumer.drain(e -> got.set(e.userData()), 1) == 0) {
                    idle.idle(0);
                }
            });
            parking.await();
            while (waiter.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            assertEquals(RingLayout.NEED_WAKEUP, ring.buffer().getIntVolatile(RingLayout.SQ_FLAGS_OFFSET));
            producer.tryClaim().userData(77);
            producer.submit();
            assertTrue(waiter.join(java.time.Duration.ofSeconds(30)), "consumer was not woken");
            assertEquals(77L, got.get());
            assertEquals(0, ring.buffer().getIntVolatile(RingLayout.SQ_FLAGS_OFFSET), "flag lowered after wake-up");
        }
    }

    @Test
    void signal_boundedPark_returnsWithoutProducer() {
        try (Ring ring = ring(WakeupMode.SIGNAL)) {
            final RingConsumer<Sqe> consumer = ring.newSqConsumer();
            consumer.park(TimeUnit.MILLISECONDS.toNanos(1));
            assertEquals(0, ring.buffer().getIntVolatile(RingLayout.SQ_FLAGS_OFFSET));
            assertTrue(consumer.isEmpty());
        }
    }

    @Test
    void consumerIdleStrategy_negativeRounds_rejected() {
        try (Ring ring = ring(WakeupMode.SIGNAL)) {
            final RingConsumer<Sqe> consumer = ring.newSqConsumer();
            assertThrows(IllegalArgumentException.class,
                () -> new ConsumerIdleStrategy(consumer, NoOpIdleStrategy.INSTANCE, -1, 0));
        }
    }

    @Test
    void modes_unknownCode_rejected() {
        assertThrows(IllegalArgumentException.class, () -> WakeupMode.fromCode(0));
        assertThrows(IllegalArgumentException.class, () -> ProducerMode.fromCode(3));
        for (final WakeupMode mode : WakeupMode.values()) {
            assertEquals(mode, WakeupMode.fromCode(mode.code()));
        }
    }
}
