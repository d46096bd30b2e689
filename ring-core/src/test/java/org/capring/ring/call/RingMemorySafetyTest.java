package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.capring.ring.Cqe;
import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingConsumer;
import org.capring.ring.RingLayout;
import org.capring.ring.RingProducer;
import org.capring.ring.Sqe;
import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.Test;

/**
 * Nothing in the public API may free ring memory under a thread that can still touch it. The scenario that used
 * to corrupt the JVM: a client stops reaping, so the server's completers block on a full CQ; shutdown gives up
 * on them (stuck) and returns; the program closes the ring, as the README's example does right after
 * {@code server.close()}; fresh native memory of the ring's size is allocated and zeroed; then the stuck
 * completers go on and post their CQEs through raw addresses. Before ring memory was leased by every handle,
 * they wrote into memory the program had just been given for something else. Now the ring's memory stays until
 * the last handle (the stuck threads' own) is closed.
 */
class RingMemorySafetyTest {
    private static final int SQ = 64;
    private static final int CALLS = 256;

    @Test
    void stuckCompletersAfterShutdown_ringClosed_memoryOutlivesThemAndFreshMemoryUntouched()
        throws InterruptedException {
        final CapSet caps = new CapSet(4);
        final int handle = caps.grant(new ProbeCapability("probe").capability);
        final Ring ring = Ring.allocate(RingLayout.builder().sqCapacity(SQ).sqProducers(ProducerMode.MULTI)
            .slots(CALLS, 64, 64).build());
        final RingServer server = RingServer.start(ring, caps,
            ServerConfig.defaults().withDispatch(DispatchMode.THREAD_PER_CALL));
        final RingProducer<Sqe> sq = ring.newSqProducer();
        final RingConsumer<Cqe> cq = ring.newCqConsumer(); // the client that never reaps
        for (int slot = 0; slot < CALLS; slot++) {
            Sqe sqe;
            while ((sqe = sq.tryClaim()) == null) {
                Thread.onSpinWait();
            }
            sqe.set(Sqe.OP_CALL, 0, Probe.METHOD_ECHO, handle, Probe.TYPE_ID, slot, 0, slot + 1L, 0);
            sq.submit();
        }
        // The CQ holds 2 x SQ completions; the other completers wait for room that never comes.
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.completedCalls() < 2 * SQ && System.nanoTime() - giveUp < 0) {
            Thread.sleep(1);
        }
        final DrainResult drain = server.shutdown(Duration.ofMillis(50));
        assertTrue(drain.stuck() > 0, () -> "completers blocked on the full CQ are stuck: " + drain);
        assertTrue(drain.threadsAlive() > 0, () -> "and their threads still run: " + drain);
        assertFalse(server.isTerminated());

        ring.close();
        assertFalse(ring.isMemoryReleased(), "the stuck server threads' handles keep the ring's memory");
        assertTrue(ring.openHandles() > 0);
        assertThrows(IllegalStateException.class, ring::newSqProducer, "a closed ring hands out no new handles");

        try (Arena arena = Arena.ofConfined()) {
            final MemorySegment fresh = arena.allocate(ring.layout().totalLength(), 4096);
            fresh.fill((byte) 0);
            // Let the stuck completers go on: reap everything, as the client would have.
            long reaped = 0;
            final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reaped < CALLS && System.nanoTime() - until < 0) {
                final int n = cq.drain(e -> { }, 64);
                reaped += n;
                if (n == 0) {
                    Thread.onSpinWait();
                }
            }
            assertEquals(CALLS, reaped, "every call completed once its completer found room");
            assertTrue(server.awaitTermination(Duration.ofSeconds(30)), "every server thread ended");
            assertEquals(0, server.activeThreads());
            long written = 0;
            for (long offset = 0; offset < fresh.byteSize(); offset += 8) {
                if (fresh.get(ValueLayout.JAVA_LONG_UNALIGNED, offset) != 0) {
                    written++;
                }
            }
            assertEquals(0, written, "words of freshly allocated memory written by the ring's threads");
        }
        assertFalse(ring.isMemoryReleased(), "the test's own handles still hold the memory");
        sq.close();
        cq.close();
        assertTrue(ring.isMemoryReleased(), "the last handle closed releases the memory");
        assertEquals(0, ring.openHandles());
    }

    @Test
    void closedHandle_refusesUse_andGivesItsSlotBack() {
        final Ring ring = Ring.allocate(RingLayout.builder().sqCapacity(8).slots(0, 0, 0).build());
        final RingProducer<Sqe> producer = ring.newSqProducer();
        final RingConsumer<Sqe> consumer = ring.newSqConsumer();
        assertEquals(2, ring.openHandles());
        assertThrows(IllegalStateException.class, ring::newSqProducer, "one single-producer handle at a time");
        assertThrows(IllegalStateException.class, ring::newSqConsumer, "one consumer handle at a time");
        producer.tryClaim().set(Sqe.OP_NOP, 0, 0, 0, 0, 0, 0, 7, 0);
        producer.submit();
        producer.close();
        consumer.close();
        producer.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> producer.tryClaim(1));
        assertThrows(IllegalStateException.class, () -> consumer.drain(e -> { }, 1));
        final RingProducer<Sqe> again = ring.newSqProducer();
        final RingConsumer<Sqe> next = ring.newSqConsumer();
        final long[] seen = new long[1];
        assertEquals(1, next.drain(e -> seen[0] = e.userData(), 8), "a new consumer starts where the old one stopped");
        assertEquals(7, seen[0]);
        ring.close();
        assertFalse(ring.isMemoryReleased(), "two open handles keep the memory");
        again.close();
        next.close();
        assertTrue(ring.isMemoryReleased());
    }

    @Test
    void abort_claimedEntries_publishedAsNopsAndQueueFlows() {
        try (Ring ring = Ring.allocate(RingLayout.builder().sqCapacity(8).slots(0, 0, 0).build())) {
            final RingProducer<Sqe> producer = ring.newSqProducer();
            final RingConsumer<Sqe> consumer = ring.newSqConsumer();
            assertTrue(producer.tryClaim(3));
            producer.entry(0).set(Sqe.OP_CALL, 0, 1, 2, 3, 4, 8, 99, 0);
            producer.abort();
            assertEquals(0, producer.claimed());
            producer.tryClaim().set(Sqe.OP_NOP, 0, 0, 0, 0, 0, 0, 42, 0);
            producer.submit();
            final long[] userData = new long[4];
            final int[] opcodes = new int[4];
            final int[] n = {0};
            assertEquals(4, consumer.drain(e -> {
                opcodes[n[0]] = e.opcode();
                userData[n[0]++] = e.userData();
            }, 8), "the aborted entries do not hold the consumer back");
            assertEquals(Sqe.OP_NOP, opcodes[0], "an aborted entry reads as a NOP, whatever was written in it");
            assertEquals(0, userData[0]);
            assertEquals(42, userData[3]);
            producer.abort(); // nothing claimed: a no-op
            producer.close();
            consumer.close();
        }
    }
}
