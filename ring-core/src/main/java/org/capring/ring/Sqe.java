package org.capring.ring;

import org.agrona.UnsafeApi;

/**
 * Flyweight over one 64-byte submission queue entry (one cache line).
 *
 * <pre>
 *   0       1       2               4                               8
 *   +-------+-------+---------------+-------------------------------+
 *   |opcode | flags |   methodId    |           capHandle           |
 *   +-------+-------+---------------+-------------------------------+
 *   |                          interfaceId                          |  8
 *   +-------------------------------+-------------------------------+
 *   |           callSlot            |          paramsLength         | 16
 *   +-------------------------------+-------------------------------+
 *   |                           userData                            | 24
 *   +---------------------------------------------------------------+
 *   |                         deadlineNanos                         | 32
 *   +---------------------------------------------------------------+
 *   |                       reserved (16 bytes)                     | 40
 *   +---------------------------------------------------------------+
 *   |      commit sequence (position + 1, written by the queue)     | 56
 *   +---------------------------------------------------------------+
 * </pre>
 *
 * All integers are little-endian; u8/u16/u32 fields are exposed as {@code int} holding the unsigned value.
 * The commit sequence belongs to the queue; there is no accessor for it. Not thread-safe: one owner thread.
 */
public final class Sqe extends RingEntry {
    /** Bytes per entry. */
    public static final int LENGTH = 64;

    public static final int OPCODE_OFFSET = 0;
    public static final int FLAGS_OFFSET = 1;
    public static final int METHOD_ID_OFFSET = 2;
    public static final int CAP_HANDLE_OFFSET = 4;
    public static final int INTERFACE_ID_OFFSET = 8;
    public static final int CALL_SLOT_OFFSET = 16;
    public static final int PARAMS_LENGTH_OFFSET = 20;
    public static final int USER_DATA_OFFSET = 24;
    public static final int DEADLINE_NANOS_OFFSET = 32;
    public static final int RESERVED_OFFSET = 40;
    /** Offset of the commit sequence: the producer writes position + 1 there when it submits the entry. */
    public static final int SEQUENCE_OFFSET = 56;

    /** Opcode: no operation; fills a claimed entry that is not needed. */
    public static final int OP_NOP = 0;
    /** Opcode: call method {@code methodId} of the capability {@code capHandle}. */
    public static final int OP_CALL = 1;
    /** Opcode: the client drops its reference {@code capHandle}. */
    public static final int OP_RELEASE = 2;
    /** Opcode: cancel the in-flight call whose {@code userData} matches. */
    public static final int OP_CANCEL = 3;

    @Override
    public int length() {
        return LENGTH;
    }

    /**
     * Fills every field of a call entry with five 8-byte stores (the narrow fields of words 0 and 2 are
     * combined first), the way a hot submit path should write an SQE. The reserved words are left alone.
     *
     * @param opcode        an {@code OP_} constant
     * @param flags         flag bits (u8)
     * @param methodId      method ordinal (u16)
     * @param capHandle     capability handle (u32 bits)
     * @param interfaceId   capnp interface id
     * @param callSlot      call slot index
     * @param paramsLength  bytes of params in the slot
     * @param userData      caller's tag
     * @param deadlineNanos absolute deadline on the {@link System#nanoTime()} clock, 0 for none
     * @return this
     */
    public Sqe set(
        final int opcode,
        final int flags,
        final int methodId,
        final int capHandle,
        final long interfaceId,
        final int callSlot,
        final int paramsLength,
        final long userData,
        final long deadlineNanos) {
        final long word0 = (opcode & 0xFFL) | (flags & 0xFFL) << 8 | (methodId & 0xFFFFL) << 16 | (long) capHandle << 32;
        final long word2 = (callSlot & 0xFFFF_FFFFL) | (long) paramsLength << 32;
        UnsafeApi.putLong(array, address + OPCODE_OFFSET, word0);
        UnsafeApi.putLong(array, address + INTERFACE_ID_OFFSET, interfaceId);
        UnsafeApi.putLong(array, address + CALL_SLOT_OFFSET, word2);
        UnsafeApi.putLong(array, address + USER_DATA_OFFSET, userData);
        UnsafeApi.putLong(array, address + DEADLINE_NANOS_OFFSET, deadlineNanos);
        return this;
    }

    /** @return the opcode, one of the {@code OP_} constants for a well-formed entry */
    public int opcode() {
        return UnsafeApi.getByte(array, address + OPCODE_OFFSET) & 0xFF;
    }

    /**
     * @param opcode an {@code OP_} constant (stored as u8)
     * @return this
     */
    public Sqe opcode(final int opcode) {
        UnsafeApi.putByte(array, address + OPCODE_OFFSET, (byte) opcode);
        return this;
    }

    /** @return the flag bits (u8) */
    public int flags() {
        return UnsafeApi.getByte(array, address + FLAGS_OFFSET) & 0xFF;
    }

    /**
     * @param flags flag bits (stored as u8)
     * @return this
     */
    public Sqe flags(final int flags) {
        UnsafeApi.putByte(array, address + FLAGS_OFFSET, (byte) flags);
        return this;
    }

    /** @return the method ordinal within the interface (u16) */
    public int methodId() {
        return UnsafeApi.getShort(array, address + METHOD_ID_OFFSET) & 0xFFFF;
    }

    /**
     * @param methodId method ordinal (stored as u16)
     * @return this
     */
    public Sqe methodId(final int methodId) {
        UnsafeApi.putShort(array, address + METHOD_ID_OFFSET, (short) methodId);
        return this;
    }

    /** @return the capability handle (u32 bits) */
    public int capHandle() {
        return UnsafeApi.getInt(array, address + CAP_HANDLE_OFFSET);
    }

    /**
     * @param capHandle capability handle (u32 bits)
     * @return this
     */
    public Sqe capHandle(final int capHandle) {
        UnsafeApi.putInt(array, address + CAP_HANDLE_OFFSET, capHandle);
        return this;
    }

    /** @return the capnp interface id the caller expects the capability to implement */
    public long interfaceId() {
        return UnsafeApi.getLong(array, address + INTERFACE_ID_OFFSET);
    }

    /**
     * @param interfaceId capnp interface id
     * @return this
     */
    public Sqe interfaceId(final long interfaceId) {
        UnsafeApi.putLong(array, address + INTERFACE_ID_OFFSET, interfaceId);
        return this;
    }

    /** @return the call slot holding the params (u32 bits) */
    public int callSlot() {
        return UnsafeApi.getInt(array, address + CALL_SLOT_OFFSET);
    }

    /**
     * @param callSlot call slot index
     * @return this
     */
    public Sqe callSlot(final int callSlot) {
        UnsafeApi.putInt(array, address + CALL_SLOT_OFFSET, callSlot);
        return this;
    }

    /** @return bytes of params in the slot's params region (u32 bits) */
    public int paramsLength() {
        return UnsafeApi.getInt(array, address + PARAMS_LENGTH_OFFSET);
    }

    /**
     * @param paramsLength bytes of params
     * @return this
     */
    public Sqe paramsLength(final int paramsLength) {
        UnsafeApi.putInt(array, address + PARAMS_LENGTH_OFFSET, paramsLength);
        return this;
    }

    /** @return the caller's tag, echoed in the matching {@link Cqe} */
    public long userData() {
        return UnsafeApi.getLong(array, address + USER_DATA_OFFSET);
    }

    /**
     * @param userData caller's tag
     * @return this
     */
    public Sqe userData(final long userData) {
        UnsafeApi.putLong(array, address + USER_DATA_OFFSET, userData);
        return this;
    }

    /** @return absolute deadline on the {@link System#nanoTime()} clock, 0 for none */
    public long deadlineNanos() {
        return UnsafeApi.getLong(array, address + DEADLINE_NANOS_OFFSET);
    }

    /**
     * @param deadlineNanos absolute deadline on the {@link System#nanoTime()} clock, 0 for none
     * @return this
     */
    public Sqe deadlineNanos(final long deadlineNanos) {
        UnsafeApi.putLong(array, address + DEADLINE_NANOS_OFFSET, deadlineNanos);
        return this;
    }

    /**
     * @param index 0 or 1
     * @return one of the two reserved 8-byte words, free for benchmarks and extensions
     */
    public long reserved(final int index) {
        return UnsafeApi.getLong(array, address + RESERVED_OFFSET + 8 * java.util.Objects.checkIndex(index, 2));
    }

    /**
     * @param index 0 or 1
     * @param value value of that reserved word
     * @return this
     */
    public Sqe reserved(final int index, final long value) {
        UnsafeApi.putLong(array, address + RESERVED_OFFSET + 8 * java.util.Objects.checkIndex(index, 2), value);
        return this;
    }

    @Override
    public String toString() {
        return "Sqe{opcode=" + opcode() + ", flags=" + flags() + ", methodId=" + methodId()
            + ", capHandle=0x" + Integer.toHexString(capHandle()) + ", interfaceId=0x" + Long.toHexString(interfaceId())
            + ", callSlot=" + callSlot() + ", paramsLength=" + paramsLength() + ", userData=" + userData()
            + ", deadlineNanos=" + deadlineNanos() + "}";
    }
}
