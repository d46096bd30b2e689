package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Unit tests and a seeded concurrent stress of {@link IndexStack}, the lock-free free-slot stack of
 * {@link RingClient}. The stress is the slot table's own life: threads take slots, hold them a while and give
 * them back, each slot held by one thread at a time; at the end every slot is back exactly once.
 *
 * <p>The seed is printed; rerun one with {@code -Dcapring.stress.seed=<seed>}; {@code -Dcapring.stress.long=true}
 * runs 50 times as many rounds.
 */
class IndexStackTest {
    private static final long SEED = Long.getLong("capring.stress.seed", System.nanoTime());
    private static final int ROUNDS = Boolean.getBoolean("capring.stress.long") ? 10_000_000 : 200_000;

    @Test
    void pop_empty_minusOne() {
        final IndexStack stack = new IndexStack(4);
        assertEquals(-1, stack.pop());
        assertEquals(-1, stack.pop(), "still empty, still usable");
        stack.push(3);
        assertEquals(3, stack.pop());
        assertEquals(-1, stack.pop());
    }

    @Test
    void pushAll_popAll_lastInFirstOut() {
        final int capacity = 64;
        final IndexStack stack = new IndexStack(capacity);
        for (int i = 0; i < capacity; i++) {
            stack.push(i);
        }
        for (int i = capacity - 1; i >= 0; i--) {
            assertEquals(i, stack.pop());
        }
        assertEquals(-1, stack.pop());
    }

    @Test
    void reuse_sameIndexPushedAndPoppedManyTimes_consistent() {
        final IndexStack stack = new IndexStack(3);
        stack.push(0);
        for (int i = 0; i < 100_000; i++) {
            stack.push(1 + (i & 1));
            assertEquals(1 + (i & 1), stack.pop());
        }
        assertEquals(0, stack.pop());
        assertEquals(-1, stack.pop());
    }

    @Test
    void slotsTakenAndReturnedConcurrently_noneLostNoneDuplicated() throws InterruptedException {
        System.out.println("IndexStackTest seed=" + SEED);
        final int capacity = 8;
        final int threads = 4;
        final IndexStack stack = new IndexStack(capacity);
        for (int i = 0; i < capacity; i++) {
            stack.push(i);
        }
        final int[] holder = new int[capacity];
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int id = t + 1;
            workers.add(Thread.ofPlatform().name("index-stack-" + id).start(() -> {
                final SplittableRandom random = new SplittableRandom(SEED + id);
                final int[] held = new int[capacity];
                int count = 0;
                try {
                    for (int round = 0; round < ROUNDS; round++) {
                        if (count < 2 && (count == 0 || random.nextBoolean())) {
                            final int slot = stack.pop();
                            if (slot >= 0) {
                                check(holder[slot] == 0, "slot " + slot + " popped while held by " + holder[slot]);
                                holder[slot] = id;
                                held[count++] = slot;
                            }
                        } else {
                            final int pick = random.nextInt(count);
                            final int slot = held[pick];
                            held[pick] = held[--count];
                            holder[slot] = 0;
                            stack.push(slot);
                        }
                    }
                    while (count > 0) {
                        final int slot = held[--count];
                        holder[slot] = 0;
                        stack.push(slot);
                    }
                } catch (final Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (final Thread worker : workers) {
            worker.join();
        }
        assertEquals(null, failure.get(), () -> "seed " + SEED + ": " + failure.get());
        final boolean[] seen = new boolean[capacity];
        for (int i = 0; i < capacity; i++) {
            final int slot = stack.pop();
            assertTrue(slot >= 0, "seed " + SEED + ": slot lost");
            assertTrue(!seen[slot], "seed " + SEED + ": slot " + slot + " on the stack twice");
            seen[slot] = true;
        }
        assertEquals(-1, stack.pop(), "seed " + SEED + ": nothing extra on the stack");
    }

    private static void check(final boolean condition, final String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
