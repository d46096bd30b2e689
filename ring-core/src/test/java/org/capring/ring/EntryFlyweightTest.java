package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class EntryFlyweightTest {

    @Test
    void sqe_everyField_roundTripsAtItsOffset() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final Sqe sqe = new Sqe();
        sqe.wrap(buffer, 128);
        sqe.opcode(Sqe.OP_CANCEL).flags(0xFE).methodId(0xBEEF).capHandle(0xCAFEBABE).interfaceId(0x1122334455667788L)
            .callSlot(77).paramsLength(4096).userData(-3L).deadlineNanos(123_456_789L).reserved(0, 5).reserved(1, 6);

        assertEquals(Sqe.OP_CANCEL, sqe.opcode());
        assertEquals(0xFE, sqe.flags());
        assertEquals(0xBEEF, sqe.methodId());
        assertEquals(0xCAFEBABE, sqe.capHandle());
        assertEquals(0x1122334455667788L, sqe.interfaceId());
        assertEquals(77, sqe.callSlot());
        assertEquals(4096, sqe.paramsLength());
        assertEquals(-3L, sqe.userData());
        assertEquals(123_456_789L, sqe.deadlineNanos());
        assertEquals(5, sqe.reserved(0));
        assertEquals(6, sqe.reserved(1));

        assertEquals(3, buffer.getByte(128));
        assertEquals((byte) 0xFE, buffer.getByte(129));
        assertEquals((byte) 0xEF, buffer.getByte(130));
        assertEquals(0xCAFEBABE, buffer.getInt(132));
        assertEquals(0x1122334455667788L, buffer.getLong(136));
        assertEquals((byte) 0x88, buffer.getByte(136), "little-endian");
        assertEquals(77, buffer.getInt(144));
        assertEquals(4096, buffer.getInt(148));
        assertEquals(-3L, buffer.getLong(152));
        assertEquals(123_456_789L, buffer.getLong(160));
        assertEquals(0L, buffer.getLong(128 + Sqe.SEQUENCE_OFFSET), "sequence word untouched");
        assertEquals(0L, buffer.getLong(120), "nothing written before the entry");
        assertEquals(0L, buffer.getLong(192), "nothing written after the entry");
    }

    @Test
    void cqe_everyField_roundTripsAtItsOffset() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[96]);
        final Cqe cqe = new Cqe();
        cqe.wrap(buffer, 32);
        cqe.userData(Long.MIN_VALUE).status(-7).flags(3).callSlot(9).resultLength(100);

        assertEquals(Long.MIN_VALUE, cqe.userData());
        assertEquals(-7, cqe.status());
        assertEquals(3, cqe.flags());
        assertEquals(9, cqe.callSlot());
        assertEquals(100, cqe.resultLength());
        assertEquals(Long.MIN_VALUE, buffer.getLong(32));
        assertEquals(-7, buffer.getInt(40));
        assertEquals(3, buffer.getInt(44));
        assertEquals(9, buffer.getInt(48));
        assertEquals(100, buffer.getInt(52));
        assertEquals(0L, buffer.getLong(56), "sequence word untouched");
        assertEquals(0L, buffer.getLong(64));
    }

    @Test
    void sqeSet_writesTheSameBytesAsTheFieldSetters() {
        final UnsafeBuffer one = new UnsafeBuffer(new byte[64]);
        final UnsafeBuffer other = new UnsafeBuffer(new byte[64]);
        final Sqe a = new Sqe();
        final Sqe b = new Sqe();
        a.wrap(one, 0);
        b.wrap(other, 0);
        a.opcode(Sqe.OP_CALL).flags(0x81).methodId(0xFFFE).capHandle(-2).interfaceId(-9L).callSlot(-1)
            .paramsLength(0x7FFF_FFFF).userData(11).deadlineNanos(12);
        b.set(Sqe.OP_CALL, 0x81, 0xFFFE, -2, -9L, -1, 0x7FFF_FFFF, 11, 12);
        for (int i = 0; i < 64; i++) {
            assertEquals(one.getByte(i), other.getByte(i), "byte " + i);
        }
        assertEquals(0xFFFE, b.methodId());
        assertEquals(-1, b.callSlot());
    }

    @Test
    void cqeSet_writesTheSameBytesAsTheFieldSetters() {
        final UnsafeBuffer one = new UnsafeBuffer(new byte[32]);
        final UnsafeBuffer other = new UnsafeBuffer(new byte[32]);
        final Cqe a = new Cqe();
        final Cqe b = new Cqe();
        a.wrap(one, 0);
        b.wrap(other, 0);
        a.userData(-5).status(-3).flags(0x8000_0001).callSlot(-7).resultLength(99);
        b.set(-5, -3, 0x8000_0001, -7, 99);
        for (int i = 0; i < 32; i++) {
            assertEquals(one.getByte(i), other.getByte(i), "byte " + i);
        }
    }

    @Test
    void fieldOffsets_withinEntryAndBeforeSequence() {
        assertEquals(64, Sqe.LENGTH);
        assertEquals(32, Cqe.LENGTH);
        assertEquals(Sqe.LENGTH - 8, Sqe.SEQUENCE_OFFSET);
        assertEquals(Cqe.LENGTH - 8, Cqe.SEQUENCE_OFFSET);
        assertEquals(Sqe.DEADLINE_NANOS_OFFSET + 8, Sqe.RESERVED_OFFSET);
        assertEquals(Sqe.RESERVED_OFFSET + 16, Sqe.SEQUENCE_OFFSET);
    }

    @Test
    void clear_zeroesTheWholeEntryOnly() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[192]);
        buffer.setMemory(0, 192, (byte) 0x5A);
        final Sqe sqe = new Sqe();
        sqe.wrap(buffer, 64);
        sqe.clear();
        for (int i = 0; i < 192; i++) {
            assertEquals(i >= 64 && i < 128 ? 0 : 0x5A, buffer.getByte(i), "byte " + i);
        }
    }

    @Test
    void wrap_outOfBoundsOrMisaligned_rejected() {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final Sqe sqe = new Sqe();
        assertThrows(IndexOutOfBoundsException.class, () -> sqe.wrap(buffer, 128));
        assertThrows(IndexOutOfBoundsException.class, () -> sqe.wrap(buffer, 96));
        assertThrows(IndexOutOfBoundsException.class, () -> sqe.wrap(buffer, -64));
        assertThrows(IllegalArgumentException.class, () -> sqe.wrap(buffer, 8));
        final Cqe cqe = new Cqe();
        assertThrows(IllegalArgumentException.class, () -> cqe.wrap(buffer, 16));
        assertThrows(IndexOutOfBoundsException.class, () -> cqe.wrap(buffer, 112));
        cqe.wrap(buffer, 96);
        assertEquals(96, cqe.offset());
    }

    @Test
    void reserved_badIndex_rejected() {
        final Sqe sqe = new Sqe();
        sqe.wrap(new UnsafeBuffer(new byte[64]), 0);
        assertThrows(IndexOutOfBoundsException.class, () -> sqe.reserved(2));
        assertThrows(IndexOutOfBoundsException.class, () -> sqe.reserved(-1, 0));
    }
}
