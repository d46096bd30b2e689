package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.capring.ring.Ring;
import org.capring.ring.RingLayout;
import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.Test;

class RegionMessageTest {

    private static ByteBuffer region(final int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void initThenRead_inPlace_sameValuesNoCopy() {
        final ByteBuffer memory = region(256);
        final RegionMessage writer = new RegionMessage(memory, true, 1_000, 8);
        final Probe.EchoParams.Builder b = writer.init(Probe.EchoParams.factory);
        b.setValue(77);
        b.setText("hi");
        assertTrue(writer.builtBytes() > 0 && writer.builtBytes() % 8 == 0);
        final RegionMessage reader = new RegionMessage(memory, true, 1_000, 8);
        final Probe.EchoParams.Reader r = reader.read(Probe.EchoParams.factory, writer.builtBytes());
        assertEquals(77, r.getValue());
        assertEquals("hi", r.getText().toString());
        assertEquals(77, memory.getLong(8), "the struct's data word sits right after the root pointer");
    }

    @Test
    void init_secondMessage_zeroesTheFirst() {
        final ByteBuffer memory = region(256);
        final RegionMessage m = new RegionMessage(memory, false, 1_000, 8);
        m.init(Probe.EchoParams.factory).setText("a long text that uses several words");
        final int first = m.builtBytes();
        m.init(Probe.EchoParams.factory).setValue(1);
        assertTrue(m.builtBytes() < first);
        for (int i = m.builtBytes(); i < memory.capacity(); i += 8) {
            assertEquals(0, memory.getLong(i), "word at " + i + " left over");
        }
    }

    @Test
    void overflow_paramsRegion_typedParamsTooLargeThenUsable() {
        final RegionMessage m = new RegionMessage(region(64), true, 1_000, 8);
        final Probe.EchoParams.Builder b = m.init(Probe.EchoParams.factory);
        assertThrows(TransportException.ParamsTooLarge.class, () -> b.setText("x".repeat(200)));
        assertTrue(m.overflowed());
        m.init(Probe.EchoParams.factory).setValue(5);
        assertFalse(m.overflowed());
        assertEquals(5, new RegionMessage(m.region(), true, 1_000, 8).read(Probe.EchoParams.factory, m.builtBytes())
            .getValue());
    }

    @Test
    void overflow_resultRegion_regionFullException() {
        final RegionMessage m = new RegionMessage(region(64), false, 1_000, 8);
        assertThrows(RegionFullException.class, () -> m.init(Probe.FillResults.factory).initData(1_000));
        m.clear();
        assertFalse(m.overflowed());
    }

    @Test
    void fresh_overStaleBytes_clearsThemBeforeTheFirstMessage() {
        final ByteBuffer memory = region(128);
        for (int i = 0; i < 128; i += 8) {
            memory.putLong(i, -1L);
        }
        final RegionMessage m = new RegionMessage(memory, false, 1_000, 8);
        m.init(Probe.EchoParams.factory).setValue(3);
        assertEquals(3, new RegionMessage(memory, false, 1_000, 8).read(Probe.EchoParams.factory, m.builtBytes())
            .getValue());
        assertEquals(0, memory.getLong(120), "stale tail zeroed");
    }

    @Test
    void writeText_longerThanRegion_cutOnACharacterBoundary() {
        final RegionMessage m = new RegionMessage(region(64), false, 1_000, 8);
        final String text = "é".repeat(40);
        final int written = m.writeText(text);
        assertEquals(64, written);
        assertEquals("é".repeat(32), m.readText(written));
        final RegionMessage odd = new RegionMessage(region(64), false, 1_000, 8);
        assertEquals(63, odd.writeText("a" + "é".repeat(40)), "never splits a two-byte character");
        odd.init(Probe.EchoParams.factory).setValue(9);
        assertEquals(9, odd.read(Probe.EchoParams.factory, odd.builtBytes()).getValue(),
            "text words zeroed before the next message");
    }

    @Test
    void read_limits_traversalBudgetResetPerMessage() {
        final ByteBuffer memory = region(512);
        final RegionMessage m = new RegionMessage(memory, true, 64, 8);
        m.init(Probe.EchoParams.factory).setText("x".repeat(100));
        for (int i = 0; i < 10; i++) {
            assertEquals(100, m.read(Probe.EchoParams.factory, m.builtBytes()).getText().size(),
                "budget is per message, not per region");
        }
    }

    @Test
    void read_boundedByLength_pointerPastTheMessageFailsEvenInsideTheRegion() {
        final ByteBuffer memory = region(256);
        final RegionMessage m = new RegionMessage(memory, true, 1_000, 8);
        m.init(Probe.EchoParams.factory).setText("abcdefghijklmnop");
        final int length = m.builtBytes();
        assertEquals("abcdefghijklmnop", m.read(Probe.EchoParams.factory, length).getText().toString());
        assertThrows(RuntimeException.class, () -> m.read(Probe.EchoParams.factory, 16).getText().toString(),
            "the text lies beyond the first two words");
        assertEquals(0, m.read(Probe.EchoParams.factory, 0).getValue(), "zero length reads the defaults");
        assertThrows(IllegalArgumentException.class, () -> m.read(Probe.EchoParams.factory, 12));
        assertThrows(IllegalArgumentException.class, () -> m.read(Probe.EchoParams.factory, 264));
        assertThrows(IllegalArgumentException.class, () -> m.read(Probe.EchoParams.factory, -8));
    }

    @Test
    void ringRegions_sliceExactlyTheSlot() {
        final RingLayout layout = RingLayout.builder().sqCapacity(4).slots(3, 128, 256).build();
        try (Ring ring = Ring.allocate(layout)) {
            final ByteBuffer params = ring.paramsRegion(2);
            final ByteBuffer result = ring.resultRegion(2);
            assertEquals(128, params.capacity());
            assertEquals(256, result.capacity());
            assertEquals(ByteOrder.LITTLE_ENDIAN, params.order());
            params.putLong(0, 0x1122334455667788L);
            result.putLong(248, 42);
            assertEquals(0x1122334455667788L, ring.buffer().getLong(layout.paramsOffset(2)));
            assertEquals(42, ring.buffer().getLong(layout.resultOffset(2) + 248));
            assertThrows(IndexOutOfBoundsException.class, () -> ring.paramsRegion(3));
        }
    }
}
