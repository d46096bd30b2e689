package org.capring.ring.call;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.capnproto.BuilderArena;
import org.capnproto.FromPointerBuilder;
import org.capnproto.FromPointerReader;
import org.capnproto.ReaderArena;
import org.capnproto.SegmentBuilder;
import org.capnproto.SegmentReader;
import org.capnproto.StructBuilder;
import org.capnproto.StructReader;

/**
 * A capnp message kept in place in one slot region (params or result): a single segment that starts at the
 * region's first byte, root pointer at word 0. Built and read without copying and without allocating arenas per
 * call: the arena objects are made once per region and reset for every message.
 *
 * <p>Writing: {@link #init} zeroes what the previous message used and starts a new root; when the message
 * would need a second segment the allocator throws (nothing is truncated) and the next use rebuilds the arena. Reading: {@link #read} resets the traversal budget and
 * returns the root; the reader stays within the region whatever the bytes say, and the traversal and nesting
 * limits bound the work a hostile message can cause.
 *
 * <p>Allocation: a message whose root has the same struct type as the region's previous one reuses the previous
 * root builder or reader object (same region, same layout): the runtime's builder and reader objects have final
 * fields and cannot be re-pointed, but a root of one type always sits at the same place, so one object per region
 * and type serves every call. Building writes exactly what the runtime would (the root pointer, the zeroed
 * struct); reading reuses the object only when the root pointer word and the message length are the same as
 * before (the root struct's words are then not charged again to the traversal budget; everything below it is).
 *
 * <p>Not thread-safe: the slot's owner (caller while building params and reading the result, server while
 * reading params and building the result) uses it.
 */
final class RegionMessage {
    private final ByteBuffer region;
    private final boolean params;
    private final long traversalLimitWords;
    private final int nestingLimit;
    /** Reader arenas by message length in words, made on first use: a segment exactly as long as the message. */
    private final ReaderArena[] readerArenas;
    private BuilderArena builderArena;
    private SegmentBuilder segment;
    /** The builder ran out of region: the message is incomplete and the arena must be rebuilt. */
    private boolean overflowed;
    /** The last root built here, its type, its root pointer word and its struct size in words. */
    private Object builtRoot;
    private Object builtRootFactory;
    private long builtRootPointer;
    private int builtRootWords;
    /** The last root read here, its type, its root pointer word and the message length it was read from. */
    private Object readRoot;
    private Object readRootFactory;
    private long readRootPointer;
    private int readRootLength = -1;

    /**
     * @param region              the slot region
     * @param params              true for a params region: overflowing it raises
     *                            {@link TransportException.ParamsTooLarge} at the caller's builder call; false
     *                            for a result region: {@link RegionFullException}, answered as RESULT_TOO_LARGE
     * @param traversalLimitWords read budget per message
     * @param nestingLimit        read nesting limit
     */
    RegionMessage(final ByteBuffer region, final boolean params, final long traversalLimitWords,
                  final int nestingLimit) {
        this.region = region;
        this.params = params;
        this.traversalLimitWords = traversalLimitWords;
        this.nestingLimit = nestingLimit;
        this.readerArenas = new ReaderArena[region.capacity() / 8 + 1];
        resetBuilder();
    }

    /** Recreates the builder arena; needed after a {@link RegionFullException} left the old one mid-write. */
    void resetBuilder() {
        builderArena = new BuilderArena(this::overflow, region);
        segment = builderArena.getSegment(0);
        segment.pos = usedWords();
        overflowed = false;
        builtRoot = null;
        builtRootFactory = null;
    }

    /** The builder arena's allocator: any second segment means the message does not fit. */
    private ByteBuffer overflow(final int words) {
        overflowed = true;
        final RegionFullException full = new RegionFullException(region.capacity(), words);
        if (params) {
            throw TransportException.of(Status.PARAMS_TOO_LARGE, false, false, full.getMessage());
        }
        throw full;
    }

    /** @return true if the message being built ran out of region (it is incomplete) */
    boolean overflowed() {
        return overflowed;
    }

    /** Words in use: everything up to the last non-zero word, so that a fresh builder clears a stale message. */
    private int usedWords() {
        for (int word = region.capacity() / 8 - 1; word >= 0; word--) {
            if (region.getLong(word * 8) != 0) {
                return word + 1;
            }
        }
        return 0;
    }

    /**
     * Starts a new message whose root is a {@code T}.
     *
     * @param factory root type
     * @param <T>     root builder type
     * @return the root builder, writing into the region
     * @throws RegionFullException if the region cannot hold even the root
     */
    @SuppressWarnings("unchecked") // builtRoot was made by this very factory
    <T> T init(final FromPointerBuilder<T> factory) {
        if (overflowed) {
            resetBuilder();
        }
        segment.clear();
        if (factory == builtRootFactory) {
            // The runtime's init, minus its objects: root pointer word, then the zeroed struct right after it.
            if (segment.allocate(1) != 0 || segment.allocate(builtRootWords) != 1) {
                overflow(1 + builtRootWords);
            }
            segment.put(0, builtRootPointer);
            return (T) builtRoot;
        }
        if (segment.allocate(1) != 0) {
            overflow(1);
        }
        final T root = factory.initFromPointerBuilder(segment, 0, 0);
        if (factory instanceof StructBuilder.Factory<?> struct) {
            builtRoot = root;
            builtRootFactory = factory;
            builtRootPointer = segment.get(0);
            builtRootWords = struct.structSize().total();
        }
        return root;
    }

    /** @return bytes used by the message being built */
    int builtBytes() {
        return segment.currentSize() * 8;
    }

    /**
     * Replaces the region's content with the UTF-8 bytes of {@code text} (an error message), cut at the region's
     * size on a character boundary.
     *
     * @param text the message
     * @return bytes written
     */
    int writeText(final String text) {
        if (overflowed) {
            resetBuilder();
        }
        segment.clear();
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, region.capacity());
        while (length < bytes.length && length > 0 && (bytes[length] & 0xC0) == 0x80) {
            length--;
        }
        region.put(0, bytes, 0, length);
        // The builder zeroes these words before the next message.
        segment.pos = (length + 7) / 8;
        return length;
    }

    /**
     * @param length bytes of text at the start of the region
     * @return the text, decoded as UTF-8 (malformed bytes become U+FFFD)
     */
    String readText(final int length) {
        final byte[] bytes = new byte[Math.max(0, Math.min(length, region.capacity()))];
        region.get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Zeroes the words the last message used. */
    void clear() {
        if (overflowed) {
            resetBuilder();
        }
        segment.clear();
    }

    /**
     * Reads the message in the first {@code length} bytes of the region: the reader's one segment is exactly that
     * long, so a pointer beyond the message fails as out of bounds even where the region goes on. A zero length
     * reads as an empty message (the root's defaults).
     *
     * @param factory root type
     * @param length  bytes of the message, a multiple of 8 within the region
     * @param <T>     root reader type
     * @return the root reader, reading the region in place
     * @throws org.capnproto.DecodeException if the root is not a valid pointer of that type
     * @throws IllegalArgumentException      if the length is not a multiple of 8 within the region
     */
    <T> T read(final FromPointerReader<T> factory, final int length) {
        if (length < 0 || length > region.capacity() || (length & 7) != 0) {
            throw new IllegalArgumentException("message length " + length + " not a multiple of 8 within "
                + region.capacity() + " bytes");
        }
        final int words = length / 8;
        ReaderArena arena = readerArenas[words];
        if (arena == null) {
            final ByteBuffer segment = words == 0 ? ByteBuffer.allocate(8) : region.slice(0, length);
            arena = new ReaderArena(new ByteBuffer[] {segment.order(ByteOrder.LITTLE_ENDIAN)}, traversalLimitWords);
            readerArenas[words] = arena;
        }
        arena.limit = traversalLimitWords;
        final SegmentReader segment = arena.tryGetSegment(0);
        final long rootPointer = segment.get(0);
        if (factory == readRootFactory && length == readRootLength && rootPointer == readRootPointer) {
            @SuppressWarnings("unchecked") // readRoot was made by this very factory
            final T same = (T) readRoot;
            return same;
        }
        final T root = factory.fromPointerReader(segment, 0, nestingLimit);
        if (factory instanceof StructReader.Factory<?>) {
            readRoot = root;
            readRootFactory = factory;
            readRootPointer = rootPointer;
            readRootLength = length;
        }
        return root;
    }

    /** @return the region this message lives in */
    ByteBuffer region() {
        return region;
    }
}
