package org.capring.ring;

import org.agrona.BitUtil;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Every byte offset of a ring, computed in one place, and the one validator for ring memory.
 *
 * <p>A ring is one contiguous off-heap region:
 * <pre>
 *   0                                                                     4096
 *   +-----------------------------------------------------------------------+
 *   | header line 0 (128 B): magic u32 | version u32 | sqCapacity u32 |      |
 *   |   cqCapacity u32 | slotCount u32 | paramsBytes u32 | resultBytes u32 | |
 *   |   sqProducers u32 | cqProducers u32 | sqWakeup u32 | cqWakeup u32 |      |
 *   |   totalLength u64                                                     |
 *   | line 1  (128 B): sqTail  u64  (SQ producers: next position to claim)  |
 *   | line 2  (128 B): sqHead  u64  (SQ consumer: next position to read)    |
 *   | line 3  (128 B): cqTail  u64                                          |
 *   | line 4  (128 B): cqHead  u64                                          |
 *   | line 5  (128 B): sqFlags u32  (NEED_WAKEUP)                           |
 *   | line 6  (128 B): cqFlags u32  (NEED_WAKEUP)                           |
 *   | line 7  (128 B): cqOverflow u64 (times a completer found the CQ full) |
 *   | ... reserved up to 4 KiB ...                                          |
 *   +-----------------------------------------------------------------------+
 *   | SQ: sqCapacity x 64 B submission entries ({@link Sqe})                |
 *   +-----------------------------------------------------------------------+
 *   | CQ: cqCapacity x 32 B completion entries ({@link Cqe})                |
 *   +-----------------------------------------------------------------------+
 *   | call slots: slotCount x (paramsBytes + resultBytes)                   |
 *   |   slot i: [ params region | result region ]                           |
 *   +-----------------------------------------------------------------------+
 * </pre>
 *
 * <p>Each hot index sits alone on a 128-byte line so that the two sides never share a cache line, nor an
 * adjacent-line prefetch pair. Positions are 64-bit counters that only grow; an entry's index is
 * {@code position & (capacity - 1)}.
 *
 * <p>Instances are immutable and thread-safe. Build one with {@link #builder()}; {@link #read(AtomicBuffer)}
 * recovers the layout from the header of existing ring memory and validates it.
 */
public final class RingLayout {

    /** Magic number at offset 0: the ASCII bytes {@code "CAPR"} read as a little-endian int. */
    public static final int MAGIC = 0x5250_4143;
    /** Version of the memory format described here. */
    public static final int VERSION = 1;

    /** Length of the header in bytes; the SQ starts here. */
    public static final int HEADER_LENGTH = 4096;
    /** Distance between hot indices, two cache lines to defeat adjacent-line prefetch. */
    public static final int HOT_LINE = 128;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int SQ_CAPACITY_OFFSET = 8;
    public static final int CQ_CAPACITY_OFFSET = 12;
    public static final int SLOT_COUNT_OFFSET = 16;
    public static final int PARAMS_BYTES_OFFSET = 20;
    public static final int RESULT_BYTES_OFFSET = 24;
    public static final int SQ_PRODUCERS_OFFSET = 28;
    public static final int CQ_PRODUCERS_OFFSET = 32;
    public static final int SQ_WAKEUP_OFFSET = 36;
    public static final int CQ_WAKEUP_OFFSET = 40;
    public static final int TOTAL_LENGTH_OFFSET = 48;

    public static final int SQ_TAIL_OFFSET = HOT_LINE;
    public static final int SQ_HEAD_OFFSET = 2 * HOT_LINE;
    public static final int CQ_TAIL_OFFSET = 3 * HOT_LINE;
    public static final int CQ_HEAD_OFFSET = 4 * HOT_LINE;
    public static final int SQ_FLAGS_OFFSET = 5 * HOT_LINE;
    public static final int CQ_FLAGS_OFFSET = 6 * HOT_LINE;
    public static final int CQ_OVERFLOW_OFFSET = 7 * HOT_LINE;

    /** Flag bit in {@code sqFlags}/{@code cqFlags}: the consumer is parked or about to park. */
    public static final int NEED_WAKEUP = 1;

    /** Smallest queue capacity. */
    public static final int MIN_CAPACITY = 2;
    /** Largest queue capacity (keeps the ring addressable by an int offset). */
    public static final int MAX_CAPACITY = 1 << 20;
    /** Largest number of call slots. */
    public static final int MAX_SLOTS = 1 << 16;
    /** Largest params or result region of one slot. */
    public static final int MAX_REGION_BYTES = 1 << 20;
    /** Alignment of slot regions: one cache line, and a whole number of capnp words. */
    public static final int REGION_ALIGNMENT = 64;

    /** Default SQ capacity. */
    public static final int DEFAULT_SQ_CAPACITY = 1024;
    /** Default number of call slots. */
    public static final int DEFAULT_SLOT_COUNT = 256;
    /** Default size of each params region and each result region. */
    public static final int DEFAULT_REGION_BYTES = 1024;

    private final int sqCapacity;
    private final int cqCapacity;
    private final int slotCount;
    private final int paramsBytes;
    private final int resultBytes;
    private final ProducerMode sqProducers;
    private final ProducerMode cqProducers;
    private final WakeupMode sqWakeup;
    private final WakeupMode cqWakeup;
    private final int sqEntriesOffset;
    private final int cqEntriesOffset;
    private final int slotsOffset;
    private final int slotBytes;
    private final int totalLength;

    private RingLayout(
        final int sqCapacity,
        final int cqCapacity,
        final int slotCount,
        final int paramsBytes,
        final int resultBytes,
        final ProducerMode sqProducers,
        final ProducerMode cqProducers,
        final WakeupMode sqWakeup,
        final WakeupMode cqWakeup) {
        checkCapacity(sqCapacity, cqCapacity, slotCount, paramsBytes, resultBytes);
        this.sqCapacity = sqCapacity;
        this.cqCapacity = cqCapacity;
        this.slotCount = slotCount;
        this.paramsBytes = paramsBytes;
        this.resultBytes = resultBytes;
        this.sqProducers = sqProducers;
        this.cqProducers = cqProducers;
        this.sqWakeup = sqWakeup;
        this.cqWakeup = cqWakeup;
        this.sqEntriesOffset = HEADER_LENGTH;
        this.cqEntriesOffset = sqEntriesOffset + sqCapacity * Sqe.LENGTH;
        this.slotsOffset = BitUtil.align(cqEntriesOffset + cqCapacity * Cqe.LENGTH, REGION_ALIGNMENT);
        this.slotBytes = paramsBytes + resultBytes;
        this.totalLength = Math.toIntExact((long) slotsOffset + (long) slotCount * slotBytes);
    }

    /**
     * Checks the capacities of a ring before anything is built on them.
     *
     * @param sqCapacity  SQ entries: a power of two in [{@value #MIN_CAPACITY}, {@value #MAX_CAPACITY}]
     * @param cqCapacity  CQ entries: a power of two in [{@value #MIN_CAPACITY}, {@value #MAX_CAPACITY}]
     * @param slotCount   call slots: in [0, {@value #MAX_SLOTS}]
     * @param paramsBytes bytes of each params region: a multiple of {@value #REGION_ALIGNMENT} in
     *                    [0, {@value #MAX_REGION_BYTES}]
     * @param resultBytes bytes of each result region, same rule as {@code paramsBytes}
     * @throws IllegalArgumentException naming the first value that breaks its rule
     */
    public static void checkCapacity(
        final int sqCapacity, final int cqCapacity, final int slotCount, final int paramsBytes, final int resultBytes) {
        checkQueueCapacity("sqCapacity", sqCapacity);
        checkQueueCapacity("cqCapacity", cqCapacity);
        if (slotCount < 0 || slotCount > MAX_SLOTS) {
            throw new IllegalArgumentException("slotCount must be in [0, " + MAX_SLOTS + "]: " + slotCount);
        }
        checkRegion("paramsBytes", paramsBytes);
        checkRegion("resultBytes", resultBytes);
        final long total = BitUtil.align(HEADER_LENGTH + (long) sqCapacity * Sqe.LENGTH + (long) cqCapacity * Cqe.LENGTH,
            REGION_ALIGNMENT) + (long) slotCount * (paramsBytes + (long) resultBytes);
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ring of " + total + " bytes exceeds " + Integer.MAX_VALUE);
        }
    }

    private static void checkQueueCapacity(final String name, final int capacity) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || !BitUtil.isPowerOfTwo(capacity)) {
            throw new IllegalArgumentException(
                name + " must be a power of two in [" + MIN_CAPACITY + ", " + MAX_CAPACITY + "]: " + capacity);
        }
    }

    private static void checkRegion(final String name, final int bytes) {
        if (bytes < 0 || bytes > MAX_REGION_BYTES || (bytes & (REGION_ALIGNMENT - 1)) != 0) {
            throw new IllegalArgumentException(
                name + " must be a multiple of " + REGION_ALIGNMENT + " in [0, " + MAX_REGION_BYTES + "]: " + bytes);
        }
    }

    /** @return a builder holding the documented defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads and validates the header of existing ring memory, for example a mapped file written by another
     * process. Nothing beyond the header is trusted until this returns.
     *
     * @param buffer ring memory; its capacity must equal the ring's total length
     * @return the layout recorded in the header
     * @throws RingFormatException when the magic, version, capacities, producer modes, length or indices are wrong
     */
    public static RingLayout read(final AtomicBuffer buffer) {
        final int length = buffer.capacity();
        if (length < HEADER_LENGTH) {
            throw new RingFormatException(RingFormatException.Reason.TRUNCATED,
                "ring memory of " + length + " bytes is shorter than the " + HEADER_LENGTH + "-byte header");
        }
        final int magic = buffer.getIntVolatile(MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new RingFormatException(RingFormatException.Reason.BAD_MAGIC,
                "bad magic 0x" + Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC));
        }
        final int version = buffer.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            throw new RingFormatException(RingFormatException.Reason.UNSUPPORTED_VERSION,
                "ring format version " + version + " is not supported (this library reads version " + VERSION + ")");
        }
        final RingLayout layout;
        try {
            layout = new RingLayout(
                buffer.getInt(SQ_CAPACITY_OFFSET),
                buffer.getInt(CQ_CAPACITY_OFFSET),
                buffer.getInt(SLOT_COUNT_OFFSET),
                buffer.getInt(PARAMS_BYTES_OFFSET),
                buffer.getInt(RESULT_BYTES_OFFSET),
                ProducerMode.fromCode(buffer.getInt(SQ_PRODUCERS_OFFSET)),
                ProducerMode.fromCode(buffer.getInt(CQ_PRODUCERS_OFFSET)),
                WakeupMode.fromCode(buffer.getInt(SQ_WAKEUP_OFFSET)),
                WakeupMode.fromCode(buffer.getInt(CQ_WAKEUP_OFFSET)));
        } catch (final IllegalArgumentException e) {
            throw new RingFormatException(RingFormatException.Reason.BAD_CAPACITY, e.getMessage());
        }
        final long recorded = buffer.getLong(TOTAL_LENGTH_OFFSET);
        if (recorded != layout.totalLength || length != layout.totalLength) {
            throw new RingFormatException(RingFormatException.Reason.LENGTH_MISMATCH,
                "header says " + recorded + " bytes, capacities need " + layout.totalLength + ", memory has " + length);
        }
        checkIndices(buffer, "sq", SQ_TAIL_OFFSET, SQ_HEAD_OFFSET, layout.sqCapacity);
        checkIndices(buffer, "cq", CQ_TAIL_OFFSET, CQ_HEAD_OFFSET, layout.cqCapacity);
        return layout;
    }

    /**
     * Checks {@code 0 <= head <= tail <= head + capacity}. The tail is read before and after the head; a ring
     * that is live in another process keeps moving, so only a snapshot with a stable tail is judged.
     */
    private static void checkIndices(
        final AtomicBuffer buffer, final String queue, final int tailOffset, final int headOffset, final int capacity) {
        long tail;
        long head;
        int attempts = 0;
        do {
            tail = buffer.getLongVolatile(tailOffset);
            head = buffer.getLongVolatile(headOffset);
        } while (tail != buffer.getLongVolatile(tailOffset) && ++attempts < 1000);
        if (head < 0 || tail < head || tail - head > capacity) {
            throw new RingFormatException(RingFormatException.Reason.INDEX_OUT_OF_RANGE,
                queue + " indices out of range: head=" + head + " tail=" + tail + " capacity=" + capacity);
        }
    }

    /**
     * Writes the header of a fresh ring into zeroed memory.
     *
     * @param buffer zeroed memory of exactly {@link #totalLength()} bytes
     * @throws IllegalArgumentException if the buffer has the wrong length
     */
    void writeHeader(final AtomicBuffer buffer) {
        if (buffer.capacity() != totalLength) {
            throw new IllegalArgumentException("buffer has " + buffer.capacity() + " bytes, layout needs " + totalLength);
        }
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putInt(SQ_CAPACITY_OFFSET, sqCapacity);
        buffer.putInt(CQ_CAPACITY_OFFSET, cqCapacity);
        buffer.putInt(SLOT_COUNT_OFFSET, slotCount);
        buffer.putInt(PARAMS_BYTES_OFFSET, paramsBytes);
        buffer.putInt(RESULT_BYTES_OFFSET, resultBytes);
        buffer.putInt(SQ_PRODUCERS_OFFSET, sqProducers.code());
        buffer.putInt(CQ_PRODUCERS_OFFSET, cqProducers.code());
        buffer.putInt(SQ_WAKEUP_OFFSET, sqWakeup.code());
        buffer.putInt(CQ_WAKEUP_OFFSET, cqWakeup.code());
        buffer.putLong(TOTAL_LENGTH_OFFSET, totalLength);
        // Publishes the whole header to a process that attaches: readers check the magic first.
        buffer.putIntVolatile(MAGIC_OFFSET, MAGIC);
    }

    /** @return number of SQ entries (a power of two) */
    public int sqCapacity() {
        return sqCapacity;
    }

    /** @return number of CQ entries (a power of two) */
    public int cqCapacity() {
        return cqCapacity;
    }

    /** @return number of call slots */
    public int slotCount() {
        return slotCount;
    }

    /** @return bytes of each slot's params region */
    public int paramsBytes() {
        return paramsBytes;
    }

    /** @return bytes of each slot's result region */
    public int resultBytes() {
        return resultBytes;
    }

    /** @return whether one or many threads submit to the SQ */
    public ProducerMode sqProducers() {
        return sqProducers;
    }

    /** @return whether one or many threads post to the CQ */
    public ProducerMode cqProducers() {
        return cqProducers;
    }

    /** @return how the SQ's consumer waits */
    public WakeupMode sqWakeup() {
        return sqWakeup;
    }

    /** @return how the CQ's consumer waits */
    public WakeupMode cqWakeup() {
        return cqWakeup;
    }

    /** @return byte offset of SQ entry 0 */
    public int sqEntriesOffset() {
        return sqEntriesOffset;
    }

    /** @return byte offset of CQ entry 0 */
    public int cqEntriesOffset() {
        return cqEntriesOffset;
    }

    /** @return byte offset of call slot 0 */
    public int slotsOffset() {
        return slotsOffset;
    }

    /**
     * @param slot a call slot index in [0, slotCount)
     * @return byte offset of the slot's params region
     * @throws IndexOutOfBoundsException if the slot does not exist
     */
    public int paramsOffset(final int slot) {
        return slotsOffset + java.util.Objects.checkIndex(slot, slotCount) * slotBytes;
    }

    /**
     * @param slot a call slot index in [0, slotCount)
     * @return byte offset of the slot's result region
     * @throws IndexOutOfBoundsException if the slot does not exist
     */
    public int resultOffset(final int slot) {
        return paramsOffset(slot) + paramsBytes;
    }

    /** @return bytes of the whole ring */
    public int totalLength() {
        return totalLength;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof final RingLayout that
            && sqCapacity == that.sqCapacity
            && cqCapacity == that.cqCapacity
            && slotCount == that.slotCount
            && paramsBytes == that.paramsBytes
            && resultBytes == that.resultBytes
            && sqProducers == that.sqProducers
            && cqProducers == that.cqProducers
            && sqWakeup == that.sqWakeup
            && cqWakeup == that.cqWakeup;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
            sqCapacity, cqCapacity, slotCount, paramsBytes, resultBytes, sqProducers, cqProducers, sqWakeup, cqWakeup);
    }

    @Override
    public String toString() {
        return "RingLayout{sq=" + sqCapacity + "x" + Sqe.LENGTH + "B " + sqProducers + "/" + sqWakeup
            + ", cq=" + cqCapacity + "x" + Cqe.LENGTH + "B " + cqProducers + "/" + cqWakeup
            + ", slots=" + slotCount + "x(" + paramsBytes + "+" + resultBytes + ")B, total=" + totalLength + "B}";
    }

    /**
     * Builds a {@link RingLayout}. Defaults: SQ {@value RingLayout#DEFAULT_SQ_CAPACITY} entries, single producer;
     * CQ twice the SQ, multi-producer; both {@link WakeupMode#SIGNAL}; {@value RingLayout#DEFAULT_SLOT_COUNT} slots of
     * {@value RingLayout#DEFAULT_REGION_BYTES} + {@value RingLayout#DEFAULT_REGION_BYTES} bytes. Not thread-safe.
     */
    public static final class Builder {
        private int sqCapacity = DEFAULT_SQ_CAPACITY;
        private int cqCapacity = -1;
        private int slotCount = DEFAULT_SLOT_COUNT;
        private int paramsBytes = DEFAULT_REGION_BYTES;
        private int resultBytes = DEFAULT_REGION_BYTES;
        private ProducerMode sqProducers = ProducerMode.SINGLE;
        private ProducerMode cqProducers = ProducerMode.MULTI;
        private WakeupMode sqWakeup = WakeupMode.SIGNAL;
        private WakeupMode cqWakeup = WakeupMode.SIGNAL;

        private Builder() {
        }

        /**
         * @param entries SQ capacity, a power of two
         * @return this builder
         */
        public Builder sqCapacity(final int entries) {
            this.sqCapacity = entries;
            return this;
        }

        /**
         * @param entries CQ capacity, a power of two; unset means twice the SQ capacity (capped at the maximum)
         * @return this builder
         */
        public Builder cqCapacity(final int entries) {
            this.cqCapacity = entries;
            return this;
        }

        /**
         * @param count  number of call slots
         * @param params bytes of each params region, a multiple of {@value RingLayout#REGION_ALIGNMENT}
         * @param result bytes of each result region, a multiple of {@value RingLayout#REGION_ALIGNMENT}
         * @return this builder
         */
        public Builder slots(final int count, final int params, final int result) {
            this.slotCount = count;
            this.paramsBytes = params;
            this.resultBytes = result;
            return this;
        }

        /**
         * @param mode how many threads submit to the SQ
         * @return this builder
         */
        public Builder sqProducers(final ProducerMode mode) {
            this.sqProducers = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param mode how many threads post to the CQ
         * @return this builder
         */
        public Builder cqProducers(final ProducerMode mode) {
            this.cqProducers = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param mode how the SQ's consumer waits (default {@link WakeupMode#SIGNAL})
         * @return this builder
         */
        public Builder sqWakeup(final WakeupMode mode) {
            this.sqWakeup = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param mode how the CQ's consumer waits (default {@link WakeupMode#SIGNAL})
         * @return this builder
         */
        public Builder cqWakeup(final WakeupMode mode) {
            this.cqWakeup = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @return the validated layout
         * @throws IllegalArgumentException if a capacity breaks the rules of {@link RingLayout#checkCapacity}
         */
        public RingLayout build() {
            final int cq = cqCapacity > 0 ? cqCapacity
                : (sqCapacity > 0 && sqCapacity <= MAX_CAPACITY / 2 ? 2 * sqCapacity : sqCapacity);
            return new RingLayout(
                sqCapacity, cq, slotCount, paramsBytes, resultBytes, sqProducers, cqProducers, sqWakeup, cqWakeup);
        }
    }
}
