package org.capring.ring;

import org.agrona.UnsafeApi;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Base of the fixed-size entry flyweights ({@link Sqe}, {@link Cqe}): a view of one entry in ring memory that
 * reads and writes fields at named offsets and never allocates.
 *
 * <p>Bounds and alignment are checked once, when the flyweight is wrapped (or, for the queues' own
 * flyweights, once for the whole queue when the ring is validated); field accessors then go straight to
 * memory through Agrona's {@code UnsafeApi}, without a bounds check per field. Fields are little-endian, the
 * native order of every platform capring runs on ({@link RingLayout} refuses a big-endian one).
 *
 * <p>A flyweight is owned by one thread. The queue handles reposition their own flyweight on every entry they
 * hand out; hold on to an entry only until the next call on the handle that produced it.
 */
public abstract sealed class RingEntry permits Sqe, Cqe {
    /** Memory the entry lives in. */
    private AtomicBuffer buffer;
    /** Byte offset of the entry in {@link #buffer}. */
    private int offset;
    /** Heap array of the buffer, or null for off-heap memory (the first argument of every memory access). */
    Object array;
    /** Address of the entry: the buffer's address offset plus {@link #offset}. */
    long address;

    RingEntry() {
    }

    /** @return length of this kind of entry in bytes */
    public abstract int length();

    /**
     * Points this flyweight at the entry at {@code offset}; checks bounds and alignment once here, not on every
     * field access.
     *
     * @param buffer memory holding the entry
     * @param offset byte offset of the entry, a multiple of {@link #length()}
     * @throws IndexOutOfBoundsException if the entry does not fit in the buffer
     * @throws IllegalArgumentException  if the offset is not aligned to the entry length
     */
    public final void wrap(final AtomicBuffer buffer, final int offset) {
        final int length = length();
        if (offset < 0 || offset > buffer.capacity() - length) {
            throw new IndexOutOfBoundsException(
                "entry of " + length + " B at " + offset + " outside buffer of " + buffer.capacity() + " B");
        }
        if ((offset & (length - 1)) != 0) {
            throw new IllegalArgumentException("entry offset " + offset + " is not aligned to " + length);
        }
        buffer(buffer);
        moveTo(offset);
    }

    /** Repositions within the buffer already wrapped; the caller (a queue) guarantees bounds and alignment. */
    final void moveTo(final int offset) {
        this.offset = offset;
        this.address = buffer.addressOffset() + offset;
    }

    final void buffer(final AtomicBuffer buffer) {
        this.buffer = buffer;
        this.array = buffer.byteArray();
    }

    /** @return byte offset of the entry in its buffer */
    public final int offset() {
        return offset;
    }

    /**
     * Zeroes every field of the entry, including its reserved bytes.
     */
    public final void clear() {
        UnsafeApi.setMemory(array, address, length(), (byte) 0);
    }
}
