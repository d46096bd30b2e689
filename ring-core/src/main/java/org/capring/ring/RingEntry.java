package org.capring.ring;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Base of the fixed-size entry flyweights ({@link Sqe}, {@link Cqe}): a view of one entry in ring memory that
 * reads and writes fields at named offsets and never allocates.
 *
 * <p>A flyweight is owned by one thread. The queue handles reposition their own flyweight on every entry they
 * hand out; hold on to an entry only until the next call on the handle that produced it.
 */
public abstract sealed class RingEntry permits Sqe, Cqe {
    /** Memory the entry lives in. */
    protected AtomicBuffer buffer;
    /** Byte offset of the entry in {@link #buffer}. */
    protected int offset;

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
        this.buffer = buffer;
        this.offset = offset;
    }

    /** Repositions within the buffer already wrapped; the caller (a queue) guarantees bounds and alignment. */
    final void moveTo(final int offset) {
        this.offset = offset;
    }

    final void buffer(final AtomicBuffer buffer) {
        this.buffer = buffer;
    }

    /** @return byte offset of the entry in its buffer */
    public final int offset() {
        return offset;
    }

    /**
     * Zeroes every field of the entry, including its reserved bytes.
     */
    public final void clear() {
        buffer.setMemory(offset, length(), (byte) 0);
    }
}
