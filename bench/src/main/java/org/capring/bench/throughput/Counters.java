package org.capring.bench.throughput;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread counters of the throughput groups: JMH counts calls, these count items, and how often each side found
 * nothing to do (an empty poll, a full queue). Empty polls and full claims per item show which regime a fork ran in:
 * a consumer that keeps up polls empty between items, a producer that runs ahead finds the queue full.
 */
public final class Counters {
    private Counters() {
    }

    /**
     * Folds read words into a consumer's sink (for subjects outside this package; a counter class exposes no method).
     *
     * @param c     the consumer's counters
     * @param words sum of the words read
     */
    public static void sink(final Consumed c, final long words) {
        c.sink += words;
    }

    /**
     * Counts what one consumer poll got: {@code n} items, or an empty poll, after which the consumer pauses with
     * {@link Thread#onSpinWait()} if {@code pause} (the {@code onSpinWait} polling style).
     *
     * @param c     the consumer's counters
     * @param n     items the poll received
     * @param pause whether an empty poll pauses
     */
    public static void received(final Consumed c, final int n, final boolean pause) {
        if (n > 0) {
            c.items += n;
        } else {
            c.empty++;
            if (pause) {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Counts a claim that found the queue full, after which the producer pauses with {@link Thread#onSpinWait()} if
     * {@code pause}.
     *
     * @param p     the producer's counters
     * @param pause whether a full claim pauses
     */
    public static void full(final Produced p, final boolean pause) {
        p.full++;
        if (pause) {
            Thread.onSpinWait();
        }
    }

    /**
     * @param p the producer's counters
     * @return the producer's next value to send, then counts it as sent
     */
    public static long next(final Produced p) {
        return p.next++;
    }

    /**
     * @param p the producer's counters
     * @return the producer's next value to send, not yet counted as sent (see {@link #sent})
     */
    public static long peek(final Produced p) {
        return p.next;
    }

    /** @param p the producer's counters; counts the value {@link #peek} gave as sent */
    public static void sent(final Produced p) {
        p.next++;
    }

    /** Items the consumer received; reported as {@code items} per second, empty polls as {@code empty}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Consumed {
        /** Items received in this iteration. */
        public long items;
        /** Polls or drains that found nothing in this iteration. */
        public long empty;
        /** Sum of the payload words read, so that reads cannot be removed (not public: not a counter). */
        long sink;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            items = 0;
            empty = 0;
        }

    }

    /**
     * The producer's own sequence, and its claims that found the queue full (reported as {@code full}); a separate
     * state object so it shares no cache line with the consumer.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Produced {
        /** Claims that found no room in this iteration. */
        public long full;
        /** Next value to send (not public: not a counter). */
        long next;

        /** Starts each iteration's count from zero (the sequence goes on). */
        @Setup(Level.Iteration)
        public void reset() {
            full = 0;
        }
    }
}
