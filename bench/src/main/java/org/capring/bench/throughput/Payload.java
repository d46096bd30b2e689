package org.capring.bench.throughput;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.capring.ring.Sqe;

/**
 * The throughput workload: every entry carries seven 8-byte words that the producer writes and the consumer
 * reads back (56 bytes), inside each queue's own 64-byte entry format. The consumer folds the words into a sum
 * so that nothing can be optimised away.
 */
public final class Payload {
    /** Words per entry. */
    public static final int WORDS = 7;
    /** Payload bytes per entry. */
    public static final int BYTES = WORDS * 8;
    /** Index of the word that plays the SQE's userData (byte offset 24), the one word a "read 1" consumer reads. */
    public static final int USER_DATA_WORD = 3;

    private Payload() {
    }

    /** An on-heap record for reference queues: seven long fields. */
    public static final class Record {
        long w0;
        long w1;
        long w2;
        long w3;
        long w4;
        long w5;
        long w6;

        /**
         * @param v value to derive the words from
         * @return this
         */
        public Record fill(final long v) {
            w0 = v;
            w1 = v + 1;
            w2 = v + 2;
            w3 = v + 3;
            w4 = v + 4;
            w5 = v + 5;
            w6 = v + 6;
            return this;
        }

        /** @return word {@value Payload#USER_DATA_WORD}, the one a "read 1" consumer reads */
        public long userData() {
            return w3;
        }

        /** @return the sum of the words */
        public long sum() {
            return w0 + w1 + w2 + w3 + w4 + w5 + w6;
        }
    }

    /**
     * Writes the words into a capring SQE: every call field (five words, through {@link Sqe#set}) and the two
     * reserved words.
     *
     * @param sqe entry to fill
     * @param v   value to derive the words from
     */
    public static void fill(final Sqe sqe, final long v) {
        sqe.set(Sqe.OP_CALL, 0, (int) v, (int) (v >>> 16), v + 1, (int) v, (int) (v >>> 32), v + 3, v + 4)
            .reserved(0, v + 5).reserved(1, v + 6);
    }

    /**
     * @param sqe entry to read
     * @return the sum of its seven user words
     */
    public static long sum(final Sqe sqe) {
        return sqe.opcode() + sqe.methodId() + sqe.capHandle() + sqe.interfaceId() + sqe.callSlot()
            + sqe.paramsLength() + sqe.userData() + sqe.deadlineNanos() + sqe.reserved(0) + sqe.reserved(1);
    }

    /**
     * Writes the words into a buffer at {@code offset}.
     *
     * @param buffer destination
     * @param offset byte offset of word 0
     * @param v      value to derive the words from
     */
    public static void fill(final MutableDirectBuffer buffer, final int offset, final long v) {
        buffer.putLong(offset, v);
        buffer.putLong(offset + 8, v + 1);
        buffer.putLong(offset + 16, v + 2);
        buffer.putLong(offset + 24, v + 3);
        buffer.putLong(offset + 32, v + 4);
        buffer.putLong(offset + 40, v + 5);
        buffer.putLong(offset + 48, v + 6);
    }

    /**
     * @param buffer source
     * @param offset byte offset of word 0
     * @return the sum of the words
     */
    public static long sum(final AtomicBuffer buffer, final int offset) {
        return buffer.getLong(offset) + buffer.getLong(offset + 8) + buffer.getLong(offset + 16)
            + buffer.getLong(offset + 24) + buffer.getLong(offset + 32) + buffer.getLong(offset + 40)
            + buffer.getLong(offset + 48);
    }
}
