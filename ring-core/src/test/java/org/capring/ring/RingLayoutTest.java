package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RingLayoutTest {

    @Test
    void builder_defaults_matchDocumentedValues() {
        final RingLayout layout = RingLayout.builder().build();
        assertEquals(RingLayout.DEFAULT_SQ_CAPACITY, layout.sqCapacity());
        assertEquals(2 * RingLayout.DEFAULT_SQ_CAPACITY, layout.cqCapacity());
        assertEquals(RingLayout.DEFAULT_SLOT_COUNT, layout.slotCount());
        assertEquals(RingLayout.DEFAULT_REGION_BYTES, layout.paramsBytes());
        assertEquals(RingLayout.DEFAULT_REGION_BYTES, layout.resultBytes());
        assertEquals(ProducerMode.SINGLE, layout.sqProducers());
        assertEquals(ProducerMode.MULTI, layout.cqProducers());
        assertEquals(WakeupMode.SIGNAL, layout.sqWakeup());
        assertEquals(WakeupMode.SIGNAL, layout.cqWakeup());
    }

    @Test
    void offsets_regionsFollowEachOtherAligned() {
        final RingLayout layout = RingLayout.builder().sqCapacity(8).cqCapacity(4).slots(3, 128, 192).build();
        assertEquals(4096, layout.sqEntriesOffset());
        assertEquals(4096 + 8 * 64, layout.cqEntriesOffset());
        assertEquals(4096 + 8 * 64 + 4 * 32, layout.slotsOffset());
        assertEquals(layout.slotsOffset(), layout.paramsOffset(0));
        assertEquals(layout.slotsOffset() + 128, layout.resultOffset(0));
        assertEquals(layout.slotsOffset() + 320 * 2, layout.paramsOffset(2));
        assertEquals(layout.slotsOffset() + 3 * 320, layout.totalLength());
        assertEquals(0, layout.slotsOffset() % RingLayout.REGION_ALIGNMENT);
    }

    @Test
    void offsets_slotsAlignedWhenCqEndsMidLine() {
        final RingLayout layout = RingLayout.builder().sqCapacity(2).cqCapacity(2).slots(1, 64, 64).build();
        assertEquals(4096 + 128 + 64, layout.slotsOffset());
        assertEquals(0, layout.slotsOffset() % 64);
    }

    @Test
    void hotIndices_eachOnItsOwn128ByteLine() {
        final List<Integer> hot = List.of(RingLayout.SQ_TAIL_OFFSET, RingLayout.SQ_HEAD_OFFSET,
            RingLayout.CQ_TAIL_OFFSET, RingLayout.CQ_HEAD_OFFSET, RingLayout.SQ_FLAGS_OFFSET,
            RingLayout.CQ_FLAGS_OFFSET, RingLayout.CQ_OVERFLOW_OFFSET);
        for (int i = 0; i < hot.size(); i++) {
            assertEquals(0, hot.get(i) % RingLayout.HOT_LINE, "index " + i + " not line-aligned");
            assertTrue(hot.get(i) >= RingLayout.HOT_LINE, "index " + i + " shares the line of the static header");
            for (int j = i + 1; j < hot.size(); j++) {
                assertTrue(Math.abs(hot.get(i) - hot.get(j)) >= RingLayout.HOT_LINE, i + " and " + j + " share a line");
            }
            assertTrue(hot.get(i) + 8 <= RingLayout.HEADER_LENGTH);
        }
        assertTrue(RingLayout.TOTAL_LENGTH_OFFSET + 8 <= RingLayout.HOT_LINE);
    }

    @Test
    void slotOffsets_outOfRangeSlot_rejected() {
        final RingLayout layout = RingLayout.builder().slots(2, 64, 64).build();
        assertThrows(IndexOutOfBoundsException.class, () -> layout.paramsOffset(2));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.resultOffset(-1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 6, 1000, -4, Integer.MIN_VALUE, (1 << 20) * 2})
    void checkCapacity_badSqCapacity_rejectedNamingIt(final int capacity) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RingLayout.builder().sqCapacity(capacity).cqCapacity(8).build());
        assertTrue(e.getMessage().contains("sqCapacity"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 12, -8})
    void checkCapacity_badCqCapacity_rejectedNamingIt(final int capacity) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RingLayout.checkCapacity(8, capacity, 1, 64, 64));
        assertTrue(e.getMessage().contains("cqCapacity"), e.getMessage());
    }

    @Test
    void checkCapacity_badSlotsAndRegions_rejectedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RingLayout.checkCapacity(8, 8, -1, 64, 64))
            .getMessage().contains("slotCount"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> RingLayout.checkCapacity(8, 8, RingLayout.MAX_SLOTS + 1, 64, 64)).getMessage().contains("slotCount"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RingLayout.checkCapacity(8, 8, 1, 100, 64))
            .getMessage().contains("paramsBytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RingLayout.checkCapacity(8, 8, 1, 64, -64))
            .getMessage().contains("resultBytes"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> RingLayout.checkCapacity(8, 8, 1, 64, RingLayout.MAX_REGION_BYTES + 64)).getMessage().contains("resultBytes"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> RingLayout.checkCapacity(8, 8, RingLayout.MAX_SLOTS, RingLayout.MAX_REGION_BYTES, RingLayout.MAX_REGION_BYTES))
            .getMessage().contains("exceeds"));
    }

    @Test
    void builder_nullMode_rejected() {
        assertThrows(NullPointerException.class, () -> RingLayout.builder().sqProducers(null));
        assertThrows(NullPointerException.class, () -> RingLayout.builder().cqProducers(null));
        assertThrows(NullPointerException.class, () -> RingLayout.builder().sqWakeup(null));
        assertThrows(NullPointerException.class, () -> RingLayout.builder().cqWakeup(null));
    }

    @Test
    void read_writtenHeader_returnsEqualLayout() {
        final RingLayout layout = RingLayout.builder().sqCapacity(16).cqCapacity(64).slots(5, 256, 512)
            .sqProducers(ProducerMode.MULTI).cqProducers(ProducerMode.SINGLE)
            .sqWakeup(WakeupMode.POLL).cqWakeup(WakeupMode.SIGNAL).build();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[layout.totalLength()]);
        layout.writeHeader(buffer);
        assertEquals(layout, RingLayout.read(buffer));
        assertEquals(RingLayout.MAGIC, buffer.getInt(0));
        assertEquals('C', buffer.getByte(0));
        assertEquals('R', buffer.getByte(3));
    }

    @Test
    void writeHeader_wrongLength_rejected() {
        final RingLayout layout = RingLayout.builder().sqCapacity(16).build();
        assertThrows(IllegalArgumentException.class,
            () -> layout.writeHeader(new UnsafeBuffer(new byte[layout.totalLength() + 8])));
    }

    @Test
    void read_corruptHeaders_eachRejectedWithItsReason() {
        final RingLayout layout = RingLayout.builder().sqCapacity(16).slots(2, 64, 64).build();
        assertReason(RingFormatException.Reason.TRUNCATED, new UnsafeBuffer(new byte[100]));
        assertReason(RingFormatException.Reason.BAD_MAGIC, new UnsafeBuffer(new byte[layout.totalLength()]));
        assertReason(RingFormatException.Reason.UNSUPPORTED_VERSION,
            corrupt(layout, RingLayout.VERSION_OFFSET, 2));
        assertReason(RingFormatException.Reason.BAD_CAPACITY, corrupt(layout, RingLayout.SQ_CAPACITY_OFFSET, 17));
        assertReason(RingFormatException.Reason.BAD_CAPACITY, corrupt(layout, RingLayout.CQ_CAPACITY_OFFSET, 0));
        assertReason(RingFormatException.Reason.BAD_CAPACITY, corrupt(layout, RingLayout.PARAMS_BYTES_OFFSET, 65));
        assertReason(RingFormatException.Reason.BAD_CAPACITY, corrupt(layout, RingLayout.SQ_PRODUCERS_OFFSET, 7));
        assertReason(RingFormatException.Reason.BAD_CAPACITY, corrupt(layout, RingLayout.CQ_PRODUCERS_OFFSET, 0));
        assertReason(RingFormatException.Reason.BAD_CAPACITY, corrupt(layout, RingLayout.SQ_WAKEUP_OFFSET, 3));
        assertReason(RingFormatException.Reason.BAD_CAPACITY, corrupt(layout, RingLayout.CQ_WAKEUP_OFFSET, -1));
        assertReason(RingFormatException.Reason.LENGTH_MISMATCH, corrupt(layout, RingLayout.SLOT_COUNT_OFFSET, 1));
        final UnsafeBuffer lengthField = fresh(layout);
        lengthField.putLong(RingLayout.TOTAL_LENGTH_OFFSET, 12);
        assertReason(RingFormatException.Reason.LENGTH_MISMATCH, lengthField);

        assertReason(RingFormatException.Reason.INDEX_OUT_OF_RANGE, corruptLong(layout, RingLayout.SQ_HEAD_OFFSET, 1));
        assertReason(RingFormatException.Reason.INDEX_OUT_OF_RANGE, corruptLong(layout, RingLayout.SQ_TAIL_OFFSET, 17));
        assertReason(RingFormatException.Reason.INDEX_OUT_OF_RANGE, corruptLong(layout, RingLayout.CQ_TAIL_OFFSET, -5));
        assertReason(RingFormatException.Reason.INDEX_OUT_OF_RANGE, corruptLong(layout, RingLayout.CQ_HEAD_OFFSET, 3));
        final UnsafeBuffer negativeBoth = fresh(layout);
        negativeBoth.putLong(RingLayout.SQ_HEAD_OFFSET, -10);
        negativeBoth.putLong(RingLayout.SQ_TAIL_OFFSET, -9);
        assertReason(RingFormatException.Reason.INDEX_OUT_OF_RANGE, negativeBoth);
    }

    @Test
    void read_fullQueueIndices_accepted() {
        final RingLayout layout = RingLayout.builder().sqCapacity(16).slots(2, 64, 64).build();
        final UnsafeBuffer buffer = fresh(layout);
        buffer.putLong(RingLayout.SQ_HEAD_OFFSET, 1000);
        buffer.putLong(RingLayout.SQ_TAIL_OFFSET, 1016);
        assertEquals(layout, RingLayout.read(buffer));
    }

    private static UnsafeBuffer fresh(final RingLayout layout) {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[layout.totalLength()]);
        layout.writeHeader(buffer);
        return buffer;
    }

    private static UnsafeBuffer corrupt(final RingLayout layout, final int offset, final int value) {
        final UnsafeBuffer buffer = fresh(layout);
        buffer.putInt(offset, value);
        return buffer;
    }

    private static UnsafeBuffer corruptLong(final RingLayout layout, final int offset, final long value) {
        final UnsafeBuffer buffer = fresh(layout);
        buffer.putLong(offset, value);
        return buffer;
    }

    private static void assertReason(final RingFormatException.Reason reason, final UnsafeBuffer buffer) {
        final RingFormatException e = assertThrows(RingFormatException.class, () -> RingLayout.read(buffer));
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
