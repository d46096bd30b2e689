package org.capring.ring.call;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A lock-free stack of small ints (indices in [0, capacity)), Treiber style with an ABA tag in the upper half of
 * the head word. Each index may be on the stack at most once; the caller guarantees that. Never allocates.
 */
final class IndexStack {
    private static final int EMPTY = -1;
    private final int[] next;
    /** (tag << 32) | (top + 1); top + 1 == 0 means empty. */
    private final AtomicLong head = new AtomicLong();

    IndexStack(final int capacity) {
        this.next = new int[capacity];
    }

    void push(final int index) {
        while (true) {
            final long h = head.get();
            next[index] = (int) h - 1;
            // CAS: publishes next[index] with the new top (a volatile write orders the plain write before it).
            if (head.compareAndSet(h, ((h >>> 32) + 1) << 32 | (index + 1L))) {
                return;
            }
        }
    }

    /** @return the top index, or -1 if empty */
    int pop() {
        while (true) {
            final long h = head.get();
            final int top = (int) h - 1;
            if (top == EMPTY) {
                return EMPTY;
            }
            final int below = next[top];
            if (head.compareAndSet(h, ((h >>> 32) + 1) << 32 | (below + 1L))) {
                return top;
            }
        }
    }
}
