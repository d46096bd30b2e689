package org.capring.bench.publish;

import java.nio.ByteBuffer;

import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A minimal single-producer, single-consumer queue of fixed-size entries in off-heap memory, laid out as a capring
 * queue (a 4 KiB header with the tail on line 1 and the head on line 2 of 128 bytes, entries from 4 KiB, each entry
 * aligned to its size), publishing by one {@link Scheme}. The producer caches the consumer's head as capring does;
 * the consumer drains in position order and releases a batch with one store of its head. For experiments only: no
 * argument checks.
 */
public final class SchemeQueue {
    static final int TAIL_OFFSET = 128;
    static final int HEAD_OFFSET = 256;
    static final int ENTRIES_OFFSET = 4096;

    final Scheme scheme;
    final int capacity;
    final int entryLength;
    final UnsafeBuffer buffer;
    final long base;
    final int commitOffset;
    /** Keeps the memory reachable. */
    private final ByteBuffer memory;

    /**
     * @param scheme      how entries are published
     * @param capacity    entries, a power of two
     * @param entryLength bytes per entry: 64 or 32
     */
    public SchemeQueue(final Scheme scheme, final int capacity, final int entryLength) {
        this.scheme = scheme;
        this.capacity = capacity;
        this.entryLength = entryLength;
        this.commitOffset = ENTRIES_OFFSET + capacity * entryLength;
        this.memory = BufferUtil.allocateDirectAligned(commitOffset + capacity * 8, 4096);
        this.buffer = new UnsafeBuffer(memory);
        this.base = buffer.addressOffset();
    }

    /** @return the single producer's handle */
    public Producer producer() {
        return new Producer(this);
    }

    /** @return the single consumer's handle */
    public Consumer consumer() {
        return new Consumer(this);
    }

    /** 128 bytes before the hot fields of a handle. */
    abstract static class Pad {
        long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    }

    /** Fields every handle needs. */
    abstract static class Fields extends Pad {
        final Scheme scheme;
        final long base;
        final long entries;
        final long commits;
        final int mask;
        final int shift;
        final int capacity;
        final int sequenceOffset;

        Fields(final SchemeQueue queue) {
            this.scheme = queue.scheme;
            this.base = queue.base;
            this.entries = queue.base + ENTRIES_OFFSET;
            this.commits = queue.base + queue.commitOffset;
            this.mask = queue.capacity - 1;
            this.shift = Integer.numberOfTrailingZeros(queue.entryLength);
            this.capacity = queue.capacity;
            this.sequenceOffset = queue.scheme == Scheme.SEQ_LAST || queue.scheme == Scheme.SEQ_LAST_COPY
                || queue.scheme == Scheme.SEQ_LAST_BACKOFF ? queue.entryLength - 8 : 0;
        }

        /** @return address of the entry at {@code position} */
        final long address(final long position) {
            return entries + (((int) position & mask) << shift);
        }

        /** @return address of the commit word of {@code position} (its sequence word, or its commit-array word) */
        final long commitAddress(final long position) {
            return scheme == Scheme.COMMIT_ARRAY ? commits + (((int) position & mask) << 3)
                : address(position) + sequenceOffset;
        }
    }

    /** The producer's handle: claim, fill at {@link #address(long)} + payload offset, publish. */
    public static final class Producer extends Fields {
        private long tail;
        private long headCache;
        private long claimStart;
        private int claimCount;
        private final long scratch;
        /** The benchmark's next value to send (kept here, on the producer's padded lines). */
        public long next;
        long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

        Producer(final SchemeQueue queue) {
            super(queue);
            this.scratch = UnsafeApi.allocateMemory(128);
        }

        /**
         * @param count entries to claim
         * @return true if claimed
         */
        public boolean claim(final int count) {
            final long start = tail;
            final long wrapPoint = start + count - capacity;
            if (wrapPoint > headCache) {
                // Acquire: entries below the head were read by the consumer and may be overwritten.
                headCache = UnsafeApi.getLongAcquire(null, base + HEAD_OFFSET);
                if (wrapPoint > headCache) {
                    return false;
                }
            }
            claimStart = start;
            claimCount = count;
            tail = start + count;
            if (scheme == Scheme.AGRONA_ORDER) {
                for (int i = 0; i < count; i++) {
                    // Release: marks the entry as being written (Agrona's negative length), before its payload.
                    UnsafeApi.putLongRelease(null, address(start + i), -(start + i + 1));
                }
            }
            return true;
        }

        /**
         * @param index entry of the claim
         * @return address of its payload word 0
         */
        public long payload(final int index) {
            return (scheme == Scheme.SEQ_LAST_COPY ? scratch : address(claimStart + index)) + scheme.payloadOffset();
        }

        /** Copies the scratch line of a {@link Scheme#SEQ_LAST_COPY} entry in; other schemes write in place. */
        public void filled(final int index, final int bytes) {
            if (scheme == Scheme.SEQ_LAST_COPY) {
                UnsafeApi.copyMemory(null, scratch, null, address(claimStart + index), bytes);
            }
        }

        /** Publishes the claim. */
        public void publish() {
            final long start = claimStart;
            final int count = claimCount;
            if (scheme == Scheme.TAIL) {
                // Release: publishes every entry below the new tail to the consumer, which acquires the tail.
                UnsafeApi.putLongRelease(null, base + TAIL_OFFSET, start + count);
                return;
            }
            for (int i = 1; i < count; i++) {
                UnsafeApi.putLong(null, commitAddress(start + i), start + i + 1);
            }
            // Release: publishes the range; the consumer acquires this first sequence before it reads the others.
            UnsafeApi.putLongRelease(null, commitAddress(start), start + 1);
            // Plain: the tail is only a hint in these schemes, as in the ring's original.
            UnsafeApi.putLong(null, base + TAIL_OFFSET, start + count);
        }
    }

    /** The consumer's handle: {@link #available(int)} entries from {@link #head()}, then {@link #release(int)}. */
    public static final class Consumer extends Fields {
        private long head;
        private long tailCache;
        long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

        Consumer(final SchemeQueue queue) {
            super(queue);
        }

        /** @return position of the next entry to read */
        public long head() {
            return head;
        }

        /**
         * @param limit most entries
         * @return entries ready from {@link #head()}, at most {@code limit}
         */
        public int available(final int limit) {
            final long start = head;
            if (scheme == Scheme.TAIL) {
                long tail = tailCache;
                if (tail == start) {
                    // Acquire: pairs with the producer's release of the tail; entries below it are complete.
                    tail = UnsafeApi.getLongAcquire(null, base + TAIL_OFFSET);
                    tailCache = tail;
                }
                return (int) Math.min(limit, tail - start);
            }
            int ready = 0;
            while (ready < limit) {
                final long position = start + ready;
                // Acquire: pairs with the producer's release of this sequence or of its batch's first.
                if (UnsafeApi.getLongAcquire(null, commitAddress(position)) != position + 1) {
                    break;
                }
                ready++;
            }
            if (ready == 0 && scheme == Scheme.SEQ_LAST_BACKOFF) {
                for (int i = 0; i < 8; i++) {
                    Thread.onSpinWait();
                }
            }
            return ready;
        }

        /**
         * @param index entry from the head
         * @return address of its payload word 0
         */
        public long payload(final int index) {
            return address(head + index) + scheme.payloadOffset();
        }

        /** @param count entries read; hands them back to the producer */
        public void release(final int count) {
            head += count;
            // Release: the producer acquires the head before it overwrites these entries.
            UnsafeApi.putLongRelease(null, base + HEAD_OFFSET, head);
        }
    }
}
