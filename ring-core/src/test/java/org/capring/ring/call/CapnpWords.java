package org.capring.ring.call;

import java.nio.ByteBuffer;

/**
 * Hand-written capnp wire words, for messages no builder would produce: pointers that share targets, reach
 * out of bounds, name segments that do not exist, or claim more elements than the region holds. Offsets are
 * in words, relative to the word after the pointer, as in the capnp encoding spec.
 */
final class CapnpWords {
    /** List element size code: one byte per element (Text, Data). */
    static final int BYTE = 2;
    /** List element size code: inline composite (struct lists), preceded by a tag word. */
    static final int INLINE_COMPOSITE = 7;

    private CapnpWords() {
    }

    /** @return a struct pointer: kind 0, signed 30-bit offset, data words, pointer count */
    static long struct(final int offset, final int dataWords, final int pointers) {
        return ((offset << 2) & 0xFFFF_FFFFL) | (long) (dataWords & 0xFFFF) << 32 | (long) (pointers & 0xFFFF) << 48;
    }

    /** @return a list pointer: kind 1, signed 30-bit offset, element size code, 29-bit count (words if composite) */
    static long list(final int offset, final int elementSize, final int count) {
        return ((offset << 2 | 1) & 0xFFFF_FFFFL) | (long) (elementSize & 7) << 32 | (long) (count & 0x1FFF_FFFF) << 35;
    }

    /** @return the tag word of an inline-composite list: element count in the offset field, then the struct size */
    static long tag(final int elements, final int dataWords, final int pointers) {
        return struct(elements, dataWords, pointers);
    }

    /** @return a far pointer: kind 2, double-far bit, landing-pad position in words, segment id */
    static long far(final boolean doubleFar, final int positionWords, final int segmentId) {
        return ((positionWords << 3 | (doubleFar ? 4 : 0) | 2) & 0xFFFF_FFFFL) | (long) segmentId << 32;
    }

    /** @return the offset field that makes a pointer at word {@code at} point at word {@code target} */
    static int offset(final int at, final int target) {
        return target - (at + 1);
    }

    static void put(final ByteBuffer region, final int word, final long value) {
        region.putLong(word * 8, value);
    }
}
