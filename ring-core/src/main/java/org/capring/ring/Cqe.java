package org.capring.ring;

import org.agrona.UnsafeApi;

/**
 * Flyweight over one 32-byte completion queue entry (two per cache line).
 *
 * <pre>
 *   0                               4                               8
 *   +---------------------------------------------------------------+
 *   |                           userData                            |  0
 *   +-------------------------------+-------------------------------+
 *   |            status             |             flags             |  8
 *   +-------------------------------+-------------------------------+
 *   |           callSlot            |          resultLength         | 16
 *   +-------------------------------+-------------------------------+
 *   |      commit sequence (position + 1, written by the queue)     | 24
 *   +---------------------------------------------------------------+
 * </pre>
 *
 * All integers are little-endian. {@code status}: 0 = OK, negative = transport error, positive = application
 * exception of the interface. The commit sequence belongs to the queue; there is no accessor for it.
 * Not thread-safe: one owner thread.
 */
public final class Cqe extends RingEntry {
    /** Bytes per entry. */
    public static final int LENGTH = 32;

    public static final int USER_DATA_OFFSET = 0;
    public static final int STATUS_OFFSET = 8;
    public static final int FLAGS_OFFSET = 12;
    public static final int CALL_SLOT_OFFSET = 16;
    public static final int RESULT_LENGTH_OFFSET = 20;
    /** Offset of the commit sequence: the producer writes position + 1 there when it submits the entry. */
    public static final int SEQUENCE_OFFSET = 24;

    @Override
    public int length() {
        return LENGTH;
    }

    /**
     * Fills every field with three 8-byte stores.
     *
     * @param userData     tag of the completed submission
     * @param status       0 = OK, negative = transport error, positive = application exception
     * @param flags        flag bits
     * @param callSlot     call slot index
     * @param resultLength bytes of result
     * @return this
     */
    public Cqe set(final long userData, final int status, final int flags, final int callSlot, final int resultLength) {
        UnsafeApi.putLong(array, address + USER_DATA_OFFSET, userData);
        UnsafeApi.putLong(array, address + STATUS_OFFSET, (status & 0xFFFF_FFFFL) | (long) flags << 32);
        UnsafeApi.putLong(array, address + CALL_SLOT_OFFSET, (callSlot & 0xFFFF_FFFFL) | (long) resultLength << 32);
        return this;
    }

    /** @return the tag of the {@link Sqe} this completes */
    public long userData() {
        return UnsafeApi.getLong(array, address + USER_DATA_OFFSET);
    }

    /**
     * @param userData tag of the completed submission
     * @return this
     */
    public Cqe userData(final long userData) {
        UnsafeApi.putLong(array, address + USER_DATA_OFFSET, userData);
        return this;
    }

    /** @return 0 = OK, negative = transport error, positive = application exception */
    public int status() {
        return UnsafeApi.getInt(array, address + STATUS_OFFSET);
    }

    /**
     * @param status 0 = OK, negative = transport error, positive = application exception
     * @return this
     */
    public Cqe status(final int status) {
        UnsafeApi.putInt(array, address + STATUS_OFFSET, status);
        return this;
    }

    /** @return flag bits (u32 bits) */
    public int flags() {
        return UnsafeApi.getInt(array, address + FLAGS_OFFSET);
    }

    /**
     * @param flags flag bits
     * @return this
     */
    public Cqe flags(final int flags) {
        UnsafeApi.putInt(array, address + FLAGS_OFFSET, flags);
        return this;
    }

    /** @return the call slot holding the result (u32 bits) */
    public int callSlot() {
        return UnsafeApi.getInt(array, address + CALL_SLOT_OFFSET);
    }

    /**
     * @param callSlot call slot index
     * @return this
     */
    public Cqe callSlot(final int callSlot) {
        UnsafeApi.putInt(array, address + CALL_SLOT_OFFSET, callSlot);
        return this;
    }

    /** @return bytes of result (or error message) in the slot's result region (u32 bits) */
    public int resultLength() {
        return UnsafeApi.getInt(array, address + RESULT_LENGTH_OFFSET);
    }

    /**
     * @param resultLength bytes of result
     * @return this
     */
    public Cqe resultLength(final int resultLength) {
        UnsafeApi.putInt(array, address + RESULT_LENGTH_OFFSET, resultLength);
        return this;
    }

    @Override
    public String toString() {
        return "Cqe{userData=" + userData() + ", status=" + status() + ", flags=" + flags()
            + ", callSlot=" + callSlot() + ", resultLength=" + resultLength() + "}";
    }
}
