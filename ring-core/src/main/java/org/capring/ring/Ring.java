package org.capring.ring;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One ring: a submission queue, a completion queue and the call slots, in one off-heap region described by a
 * {@link RingLayout}. The memory is a direct buffer ({@link #allocate}) or a memory-mapped file
 * ({@link #create}, {@link #attach(Path)}) that several processes share, or memory the caller owns
 * ({@link #format}, {@link #attach(AtomicBuffer)}).
 *
 * {@snippet :
 * try (Ring ring = Ring.allocate(RingLayout.builder().sqCapacity(256).build())) {
 *     RingProducer<Sqe> sq = ring.newSqProducer();
 *     RingConsumer<Sqe> server = ring.newSqConsumer();
 *     Sqe sqe = sq.tryClaim();
 *     sqe.opcode(Sqe.OP_NOP).userData(42);
 *     sq.submit();
 *     server.drain(e -> System.out.println(e.userData()), 16);
 * }
 * }
 *
 * <p><b>Handles.</b> Each queue has one consumer handle per ring ({@code newSqConsumer}, {@code newCqConsumer}).
 * A queue in {@link ProducerMode#SINGLE} mode has one producer handle; in {@link ProducerMode#MULTI} mode each
 * producer thread takes its own. Handles are not thread-safe; the factory methods are.
 *
 * <p><b>Closing.</b> {@link #close()} gives up the ring's own claim on the memory; the memory is released
 * (the file unmapped) when the last open handle is closed as well, never while a handle can still touch it.
 * A handle left open keeps the memory; one that is dropped without {@code close()} gives it back when it is
 * garbage-collected. {@link #isMemoryReleased()} tells when the memory is gone; {@link #openHandles()} how many
 * handles still hold it.
 */
public final class Ring implements AutoCloseable {
    private static final int MEMORY_ALIGNMENT = 4096;

    private final RingLayout layout;
    private final AtomicBuffer buffer;
    private final RingMemory memory;
    private final boolean mapped;
    private final QueueRegion sq;
    private final QueueRegion cq;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Ring(final RingLayout layout, final Arena arena, final MemorySegment memory, final boolean mapped) {
        this(layout, arena, new UnsafeBuffer(memory.asByteBuffer()), mapped);
    }

    private Ring(final RingLayout layout, final Arena arena, final AtomicBuffer buffer, final boolean mapped) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("ring memory is little-endian; this platform is "
                + ByteOrder.nativeOrder());
        }
        this.layout = layout;
        this.memory = new RingMemory(arena);
        this.mapped = mapped;
        this.buffer = buffer;
        this.sq = QueueRegion.sq(buffer, layout, memory);
        this.cq = QueueRegion.cq(buffer, layout, memory);
    }

    /**
     * Formats a fresh ring in memory the caller owns (for example a buffer inside a larger shared region).
     * {@link #close()} leaves that memory alone.
     *
     * @param buffer zeroed memory of exactly {@code layout.totalLength()} bytes, 8-byte aligned
     * @param layout capacities and producer modes
     * @return the ring, empty
     * @throws IllegalArgumentException if the buffer length differs from the layout's
     */
    public static Ring format(final AtomicBuffer buffer, final RingLayout layout) {
        buffer.verifyAlignment();
        layout.writeHeader(buffer);
        return new Ring(layout, null, buffer, false);
    }

    /**
     * Attaches to a ring in memory the caller owns, validating its header first. {@link #close()} leaves that
     * memory alone.
     *
     * @param buffer memory holding a ring written by {@link #format} or by another factory here
     * @return the ring
     * @throws RingFormatException if the header is not a valid ring
     */
    public static Ring attach(final AtomicBuffer buffer) {
        buffer.verifyAlignment();
        return new Ring(RingLayout.read(buffer), null, buffer, false);
    }

    /**
     * Creates a ring in a fresh direct buffer, for use within this process.
     *
     * @param layout capacities and producer modes
     * @return the ring, empty
     */
    public static Ring allocate(final RingLayout layout) {
        final Arena arena = Arena.ofShared();
        final Ring ring = new Ring(layout, arena, arena.allocate(layout.totalLength(), MEMORY_ALIGNMENT), false);
        layout.writeHeader(ring.buffer);
        return ring;
    }

    /**
     * Creates a ring in a new memory-mapped file that other processes can {@link #attach(Path)}.
     *
     * @param file   path of the file to create; it must not exist
     * @param layout capacities and producer modes
     * @return the ring, empty
     * @throws java.nio.file.FileAlreadyExistsException if the file exists
     * @throws IOException                              if the file cannot be created or mapped
     */
    public static Ring create(final Path file, final RingLayout layout) throws IOException {
        final Arena arena = Arena.ofShared();
        final MemorySegment memory;
        try (FileChannel channel = FileChannel.open(file,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.totalLength(), arena);
        } catch (final IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
        final Ring ring = new Ring(layout, arena, memory, true);
        layout.writeHeader(ring.buffer);
        return ring;
    }

    /**
     * Maps an existing ring file and validates its header before anything else is read.
     *
     * @param file path of a ring file written by {@link #create}
     * @return the ring, sharing the file's queues and slots
     * @throws RingFormatException if the header is not a valid ring (the file is unmapped again)
     * @throws IOException         if the file cannot be opened or mapped
     */
    public static Ring attach(final Path file) throws IOException {
        final Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new RingFormatException(RingFormatException.Reason.LENGTH_MISMATCH,
                    "file of " + size + " bytes is larger than any ring");
            }
            final MemorySegment memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
            final RingLayout layout = RingLayout.read(new UnsafeBuffer(memory.address(), (int) size));
            return new Ring(layout, arena, memory, true);
        } catch (final IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** @return capacities and producer modes of this ring */
    public RingLayout layout() {
        return layout;
    }

    /**
     * A view of one call slot's params region, for building or reading a capnp message in place.
     *
     * @param slot call slot index
     * @return a little-endian buffer over exactly the slot's params region (position 0, limit = capacity)
     * @throws IndexOutOfBoundsException     if the slot does not exist
     * @throws UnsupportedOperationException if the ring's memory is not reachable as a {@link ByteBuffer}
     */
    public ByteBuffer paramsRegion(final int slot) {
        return region(layout.paramsOffset(slot), layout.paramsBytes());
    }

    /**
     * A view of one call slot's result region.
     *
     * @param slot call slot index
     * @return a little-endian buffer over exactly the slot's result region (position 0, limit = capacity)
     * @throws IndexOutOfBoundsException     if the slot does not exist
     * @throws UnsupportedOperationException if the ring's memory is not reachable as a {@link ByteBuffer}
     */
    public ByteBuffer resultRegion(final int slot) {
        return region(layout.resultOffset(slot), layout.resultBytes());
    }

    private ByteBuffer region(final int offset, final int length) {
        final ByteBuffer whole;
        if (buffer.byteBuffer() != null) {
            whole = buffer.byteBuffer();
        } else if (buffer.byteArray() != null) {
            whole = ByteBuffer.wrap(buffer.byteArray());
        } else {
            throw new UnsupportedOperationException("call slots need ring memory reachable as a ByteBuffer");
        }
        return whole.slice(buffer.wrapAdjustment() + offset, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the ring memory, for call slots and tools; queue memory belongs to the handles */
    public AtomicBuffer buffer() {
        return buffer;
    }

    /**
     * @return a producer handle on the SQ, for the calling thread
     * @throws IllegalStateException if the SQ is {@link ProducerMode#SINGLE} and its handle is taken (and not
     *                               closed), or the ring is closed
     */
    public RingProducer<Sqe> newSqProducer() {
        return newProducer(sq, new Sqe());
    }

    /**
     * @return a producer handle on the CQ, for the calling thread
     * @throws IllegalStateException if the CQ is {@link ProducerMode#SINGLE} and its handle is taken (and not
     *                               closed), or the ring is closed
     */
    public RingProducer<Cqe> newCqProducer() {
        return newProducer(cq, new Cqe());
    }

    /**
     * @return the consumer handle of the SQ; a new one may be taken once it is closed (it starts where the old
     *     one released)
     * @throws IllegalStateException if it is taken (and not closed), or the ring is closed
     */
    public RingConsumer<Sqe> newSqConsumer() {
        return newConsumer(sq, new Sqe());
    }

    /**
     * @return the consumer handle of the CQ; a new one may be taken once it is closed
     * @throws IllegalStateException if it is taken (and not closed), or the ring is closed
     */
    public RingConsumer<Cqe> newCqConsumer() {
        return newConsumer(cq, new Cqe());
    }

    /** @return number of times a completer found the CQ full and had to wait (kept in ring memory) */
    public long cqOverflowCount() {
        return buffer.getLongVolatile(RingLayout.CQ_OVERFLOW_OFFSET);
    }

    /** Counts one wait of a completer on a full CQ. Thread-safe. */
    public void recordCqOverflow() {
        // Atomic add: many completers may count at once; readers only need an eventually exact total.
        buffer.getAndAddLong(RingLayout.CQ_OVERFLOW_OFFSET, 1);
    }

    private <E extends RingEntry> RingProducer<E> newProducer(final QueueRegion queue, final E entry) {
        ensureOpen();
        if (queue.mode == ProducerMode.MULTI) {
            return new MpscProducer<>(queue, entry);
        }
        if (!queue.singleProducerTaken.compareAndSet(false, true)) {
            throw new IllegalStateException(queue.name + " is single-producer and its producer handle is taken");
        }
        try {
            return new SpscProducer<>(queue, entry);
        } catch (final RuntimeException e) {
            queue.singleProducerTaken.set(false);
            throw e;
        }
    }

    private <E extends RingEntry> RingConsumer<E> newConsumer(final QueueRegion queue, final E entry) {
        ensureOpen();
        if (!queue.consumerTaken.compareAndSet(false, true)) {
            throw new IllegalStateException(queue.name + " consumer handle is taken");
        }
        try {
            return new RingConsumer<>(queue, entry);
        } catch (final RuntimeException e) {
            queue.consumerTaken.set(false);
            throw e;
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("ring is closed");
        }
    }

    /** @return true once {@link #close()} has run */
    public boolean isClosed() {
        return closed.get();
    }

    /** @return the SQ's region and doorbell, for tests in this package */
    QueueRegion sqRegion() {
        return sq;
    }

    /** @return queue handles of this ring that are open (each keeps the memory alive) */
    public int openHandles() {
        final int leases = memory.leases();
        return closed.get() ? leases : leases - 1;
    }

    /** @return true once the memory is released: the ring is closed and no handle is open */
    public boolean isMemoryReleased() {
        return memory.leases() == 0;
    }

    /**
     * Closes the ring: no new handles; the memory it allocated or mapped is released as soon as no handle is
     * open any more (at once if none is). A mapped file stays on disk; memory passed to {@link #format} or
     * {@link #attach(AtomicBuffer)} stays with its owner. Idempotent; never frees memory a handle can still use.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            memory.release();
        }
    }

    @Override
    public String toString() {
        return "Ring{" + layout + (mapped ? ", mapped" : ", direct") + (closed.get() ? ", closed" : "")
            + (isMemoryReleased() ? ", released" : "") + "}";
    }
}
