package org.capring.ring.call;

import java.util.concurrent.atomic.AtomicInteger;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link IndexStack} as a LIFO stack, checked by Lincheck in model-checking and stress modes.
 *
 * <p>The stack's contract is that an index is on it at most once. The test keeps that by construction: an index
 * is at any moment in exactly one place, the pool of free indices, the stack, or the hands of one running
 * operation. {@code push(v)} takes a free index from the pool, stores {@code v} under it and pushes it;
 * {@code pop()} pops an index, reads its value and gives the index back to the pool. Which index carries a value
 * is invisible in the results, so the sequential specification is simply a stack of values (this class run
 * sequentially); and indices are reused as fast as they come free, which is what makes ABA possible and the
 * stack's tag necessary. There are more indices than any scenario pushes, so {@code push} never fails.
 *
 * <p>Sized for the default test run; {@code -Dcapring.lincheck.long=true} runs ten times the iterations.
 */
public class IndexStackLincheckTest {
    private static final boolean LONG = Boolean.getBoolean("capring.lincheck.long");
    private static final int INDICES = 16;

    private final IndexStack stack = new IndexStack(INDICES);
    private final int[] values = new int[INDICES];
    /** Bit i set: index i is free (neither on the stack nor held by an operation). */
    private final AtomicInteger pool = new AtomicInteger((1 << INDICES) - 1);

    @Operation
    public void push(final int value) {
        final int index = takeFree();
        values[index] = value;
        stack.push(index);
    }

    @Operation
    public Integer pop() {
        final int index = stack.pop();
        if (index < 0) {
            return null;
        }
        final int value = values[index];
        giveBack(index);
        return value;
    }

    private int takeFree() {
        while (true) {
            final int free = pool.get();
            if (free == 0) {
                throw new IllegalStateException("scenario pushes more than " + INDICES + " values");
            }
            final int index = Integer.numberOfTrailingZeros(free);
            if (pool.compareAndSet(free, free & ~(1 << index))) {
                return index;
            }
        }
    }

    private void giveBack(final int index) {
        while (true) {
            final int free = pool.get();
            if (pool.compareAndSet(free, free | 1 << index)) {
                return;
            }
        }
    }

    private static Options<?, ?> tune(final Options<?, ?> options) {
        return options.threads(3).actorsPerThread(3).actorsBefore(3).actorsAfter(2);
    }

    @Test
    void modelChecking() {
        tune(new ModelCheckingOptions().iterations(LONG ? 100 : 15).invocationsPerIteration(LONG ? 5_000 : 500))
            .check(getClass());
    }

    @Test
    void stress() {
        tune(new StressOptions().iterations(LONG ? 200 : 20).invocationsPerIteration(LONG ? 10_000 : 2_000))
            .check(getClass());
    }
}
