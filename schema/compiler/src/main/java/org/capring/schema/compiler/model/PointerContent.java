package org.capring.schema.compiler.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.capnproto.AnyPointer;
import org.capnproto.BuilderArena;
import org.capnproto.MessageBuilder;
import org.capnproto.SetPointerBuilder;

/**
 * The object behind one pointer of a request (a Text, Data, list or struct value), deep-copied into a single,
 * self-contained segment whose word 0 is the root pointer. That is the form generated code embeds for defaults
 * and constants: a segment that {@code GeneratedClassSupport.decodeRawBytes} can read without other segments.
 *
 * <p>Immutable; equality is by content.
 */
public final class PointerContent {

    private static final int MAX_SEGMENT_WORDS = 1 << 26;
    private static final int LIST_POINTER = 1;
    private static final int BYTE_ELEMENTS = 2;

    private final byte[] segment;

    private PointerContent(final byte[] segment) {
        this.segment = segment;
    }

    /**
     * Deep-copies the object that {@code value} points to into one segment.
     *
     * @param value a pointer read from a request
     * @return the copy
     * @throws IllegalArgumentException if the object does not fit in {@value #MAX_SEGMENT_WORDS} words
     * @throws RuntimeException         whatever the runtime throws for a malformed or capability pointer
     */
    public static PointerContent copyOf(final AnyPointer.Reader value) {
        return copyOf(AnyPointer.factory, value);
    }

    /**
     * Deep-copies a value that a typed reader returned (a {@code Text.Reader}, {@code Data.Reader}, ...) into one
     * segment; the result equals the {@link #copyOf(AnyPointer.Reader) copy of the pointer} it was read from.
     *
     * @param factory the value's factory ({@code Text.factory}, ...)
     * @param value   the value
     * @param <R>     the reader type
     * @return the copy
     * @throws IllegalArgumentException if the object does not fit in {@value #MAX_SEGMENT_WORDS} words
     */
    public static <R> PointerContent copyOf(final SetPointerBuilder<?, R> factory, final R value) {
        // First try: a small, growing first segment. If the copy spilled into more segments, their total is an
        // upper bound of what one segment needs, so the second try fits.
        int words = 64;
        BuilderArena.AllocationStrategy strategy = BuilderArena.AllocationStrategy.GROW_HEURISTICALLY;
        while (true) {
            final MessageBuilder message = new MessageBuilder(words, strategy);
            message.setRoot(factory, value);
            final ByteBuffer[] segments = message.getSegmentsForOutput();
            if (segments.length == 1) {
                final ByteBuffer first = segments[0].duplicate();
                first.rewind();
                final byte[] bytes = new byte[first.remaining()];
                first.get(bytes);
                return new PointerContent(bytes);
            }
            long total = 0;
            for (final ByteBuffer segment : segments) {
                total += segment.limit() / 8;
            }
            if (total + 8 > MAX_SEGMENT_WORDS) {
                throw new IllegalArgumentException("pointer value larger than " + MAX_SEGMENT_WORDS + " words");
            }
            words = (int) Math.max(words * 2L, total + 8);
            strategy = BuilderArena.AllocationStrategy.FIXED_SIZE;
        }
    }

    /** @return the content of a null pointer */
    public static PointerContent nullPointer() {
        return new PointerContent(new byte[8]);
    }

    /**
     * Wraps segment bytes that already have the documented form (used by tests and tools).
     *
     * @param segment one segment, a multiple of 8 bytes long, with the root pointer at word 0
     * @return the content
     * @throws IllegalArgumentException if the length is 0 or not a multiple of 8
     */
    public static PointerContent ofSegment(final byte[] segment) {
        if (segment.length == 0 || segment.length % 8 != 0) {
            throw new IllegalArgumentException("segment length " + segment.length + " is not a positive multiple of 8");
        }
        return new PointerContent(segment.clone());
    }

    /** @return whether the root pointer is null */
    public boolean isNull() {
        return rootWord() == 0;
    }

    /** @return a copy of the segment bytes */
    public byte[] segment() {
        return segment.clone();
    }

    /** @return the segment length in bytes */
    public int length() {
        return segment.length;
    }

    /**
     * @return the word index of the first byte of the Text or Data blob the root points to
     * @throws IllegalStateException if the root is not a byte-list pointer within the segment
     */
    public int blobWordOffset() {
        checkBlob();
        return 1 + ((int) rootWord() >> 2);
    }

    /**
     * @param text whether the blob is Text (its NUL terminator is not counted)
     * @return the blob's size in bytes
     * @throws IllegalStateException if the root is not a byte-list pointer within the segment, or a Text blob
     *                               lacks its NUL terminator
     */
    public int blobSize(final boolean text) {
        checkBlob();
        final int count = (int) (rootWord() >>> 35);
        if (!text) {
            return count;
        }
        if (count == 0 || segment[blobWordOffset() * 8 + count - 1] != 0) {
            throw new IllegalStateException("text value without NUL terminator");
        }
        return count - 1;
    }

    /**
     * @return the Text the root points to, decoded as UTF-8
     * @throws IllegalStateException if the root is not a valid Text pointer or the bytes are not UTF-8
     */
    public String text() {
        final int size = blobSize(true);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(segment, blobWordOffset() * 8, size))
                    .toString();
        } catch (final CharacterCodingException e) {
            throw new IllegalStateException("text value is not valid UTF-8", e);
        }
    }

    private void checkBlob() {
        final long word = rootWord();
        if ((word & 3) != LIST_POINTER || ((word >>> 32) & 7) != BYTE_ELEMENTS) {
            throw new IllegalStateException("value is not a Text/Data pointer: 0x" + Long.toHexString(word));
        }
        final long start = 1L + ((int) word >> 2);
        final long count = word >>> 35;
        if (start < 1 || start * 8 + count > segment.length) {
            throw new IllegalStateException("Text/Data value points outside its segment");
        }
    }

    private long rootWord() {
        return ByteBuffer.wrap(segment).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PointerContent that && Arrays.equals(segment, that.segment);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(segment);
    }

    /** @return the segment in hex, one word per group */
    @Override
    public String toString() {
        final StringBuilder out = new StringBuilder(segment.length * 2 + segment.length / 8);
        final HexFormat hex = HexFormat.of();
        for (int i = 0; i < segment.length; i += 8) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(hex.formatHex(segment, i, i + 8));
        }
        return out.toString();
    }
}
