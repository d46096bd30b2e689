package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.capnproto.FromPointerBuilder;
import org.capnproto.FromPointerReader;
import org.capnproto.MessageBuilder;
import org.capnproto.MessageReader;
import org.capnproto.ReaderOptions;
import org.capring.ring.Cqe;
import org.capring.ring.EntryHandler;
import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingConsumer;
import org.capring.ring.RingLayout;
import org.capring.ring.RingProducer;
import org.capring.ring.Sqe;

/**
 * A ring served by a {@link RingServer} and driven by hand, without a {@link RingClient}: the test writes raw SQEs
 * through its own SQ producer handle, bytes straight into the slot regions, and drains the CQ itself. This is
 * what a hostile or buggy client can do; the server must not be able to tell it from a real client.
 *
 * <p>One test thread drives it. Waiting for a completion has a generous liveness deadline that fails only when
 * something is stuck. {@link #close()} checks that the server stopped cleanly: nothing in flight, every server
 * thread ended.
 */
final class RawRing implements AutoCloseable {
    /** Fails a wait that makes no progress this long: only a hang takes that long. */
    static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(60);

    final Ring ring;
    final CapSet caps;
    final RingServer server;
    final RingProducer<Sqe> sq;
    final RingConsumer<Cqe> cq;
    private final Completion last = new Completion();
    private final EntryHandler<Cqe> copyLast = last::copy;
    private MessageBuilder builder;
    private int builderSlot;

    /** A copy of one CQE, reused. */
    static final class Completion {
        long userData;
        int status;
        int flags;
        int slot;
        int resultLength;

        void copy(final Cqe cqe) {
            userData = cqe.userData();
            status = cqe.status();
            flags = cqe.flags();
            slot = cqe.callSlot();
            resultLength = cqe.resultLength();
        }

        boolean dispatched() {
            return (flags & Status.FLAG_DISPATCHED) != 0;
        }

        @Override
        public String toString() {
            return "Completion{userData=" + userData + ", status=" + Status.name(status) + ", flags=" + flags
                + ", slot=" + slot + ", resultLength=" + resultLength + "}";
        }
    }

    RawRing(final ServerConfig config, final CapSet caps, final int slots, final int paramsBytes,
            final int resultBytes) {
        this(config, caps, slots, paramsBytes, resultBytes, RefusalObserver.NONE);
    }

    RawRing(final ServerConfig config, final CapSet caps, final int slots, final int paramsBytes,
            final int resultBytes, final RefusalObserver observer) {
        this.ring = Ring.allocate(RingLayout.builder().sqCapacity(256).sqProducers(ProducerMode.MULTI)
            .slots(slots, paramsBytes, resultBytes).build());
        this.caps = caps;
        this.server = RingServer.start(ring, caps, config.withShutdownGrace(Duration.ofSeconds(5)), observer);
        this.sq = ring.newSqProducer();
        this.cq = ring.newCqConsumer();
    }

    /** @return the slot's params region, to write hostile bytes into */
    ByteBuffer paramsRegion(final int slot) {
        return ring.paramsRegion(slot);
    }

    /**
     * Starts a well-formed params message for a slot, built with the capnp runtime's own builder (as a client in
     * another language might); {@link #writeParams()} then puts it in the slot.
     *
     * @return the root builder
     */
    <T> T initParams(final int slot, final FromPointerBuilder<T> factory) {
        builderSlot = slot;
        builder = new MessageBuilder(ring.layout().paramsBytes() / 8);
        return builder.initRoot(factory);
    }

    /**
     * Copies the message started with {@link #initParams} into its slot's params region (zeroed first).
     *
     * @return the message length in bytes, the {@code paramsLength} to send
     */
    int writeParams() {
        final ByteBuffer[] segments = builder.getSegmentsForOutput();
        assertEquals(1, segments.length, "params fit one segment");
        zeroParams(builderSlot);
        final int length = segments[0].remaining();
        ring.paramsRegion(builderSlot).put(0, segments[0], segments[0].position(), length);
        return length;
    }

    /** Zeroes a slot's whole params region. */
    void zeroParams(final int slot) {
        final ByteBuffer region = ring.paramsRegion(slot);
        for (int i = 0; i < region.capacity(); i += 8) {
            region.putLong(i, 0);
        }
    }

    /** Reads the result message of a slot in place, with the default read limits. */
    <T> T result(final int slot, final FromPointerReader<T> factory) {
        return new MessageReader(new ByteBuffer[] {ring.resultRegion(slot)},
            new ReaderOptions(ServerConfig.DEFAULT_TRAVERSAL_LIMIT_WORDS, ServerConfig.DEFAULT_NESTING_LIMIT))
            .getRoot(factory);
    }

    /** @return the UTF-8 text at the start of a slot's result region (an application error's message) */
    String resultText(final int slot, final int length) {
        final byte[] bytes = new byte[Math.min(length, ring.layout().resultBytes())];
        ring.resultRegion(slot).get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Submits one CALL entry. */
    void submitCall(final int slot, final int handle, final long interfaceId, final int methodId,
                    final int paramsLength, final long userData, final long deadlineNanos) {
        claimOne().set(Sqe.OP_CALL, 0, methodId, handle, interfaceId, slot, paramsLength, userData, deadlineNanos);
        sq.submit();
    }

    /** Submits one entry of any opcode, every field given. */
    void submit(final int opcode, final int flags, final int methodId, final int handle, final long interfaceId,
                final int slot, final int paramsLength, final long userData) {
        claimOne().set(opcode, flags, methodId, handle, interfaceId, slot, paramsLength, userData, 0);
        sq.submit();
    }

    private Sqe claimOne() {
        final long giveUp = System.nanoTime() + LIVENESS_NANOS;
        Sqe sqe;
        while ((sqe = sq.tryClaim()) == null) {
            if (System.nanoTime() - giveUp > 0) {
                fail("SQ stayed full: the server stopped consuming");
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
        }
        return sqe;
    }

    /** Sends a CALL and waits for its completion. */
    Completion call(final int slot, final int handle, final long interfaceId, final int methodId,
                    final int paramsLength, final long userData) {
        submitCall(slot, handle, interfaceId, methodId, paramsLength, userData, 0);
        final Completion c = next();
        assertEquals(userData, c.userData, () -> "completion matches the call: " + c);
        return c;
    }

    /** @return the next CQE, waiting for it (fails if none comes within the liveness deadline) */
    Completion next() {
        final Completion c = poll(LIVENESS_NANOS);
        if (c == null) {
            fail("no completion within " + TimeUnit.NANOSECONDS.toSeconds(LIVENESS_NANOS) + " s: the server hangs");
        }
        return c;
    }

    /**
     * @param waitNanos longest wait
     * @return the next CQE, or null if none arrived in time (valid until the next call)
     */
    Completion poll(final long waitNanos) {
        final long giveUp = System.nanoTime() + waitNanos;
        while (cq.drain(copyLast, 1) == 0) {
            final long left = giveUp - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            cq.park(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
        }
        return last;
    }

    /** Waits until the server has nothing in flight (its counter drops just after the CQE is posted). */
    void awaitIdle() {
        final long giveUp = System.nanoTime() + LIVENESS_NANOS;
        while (server.inFlight() != 0) {
            if (System.nanoTime() - giveUp > 0) {
                fail("server still has " + server.inFlight() + " calls in flight");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Stops the server and checks it left nothing behind; frees the ring only then (threads may still use it). */
    @Override
    public void close() {
        awaitIdle();
        server.close();
        assertEquals(0, server.inFlight(), "nothing in flight after shutdown");
        assertEquals(0, server.activeThreads(), "every server thread ended");
        ring.close();
    }
}
