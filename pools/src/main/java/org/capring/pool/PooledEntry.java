package org.capring.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pooled connection in its key's slot. Its whole ownership protocol is one word, {@link #stamp}: the
 * generation of its latest lease in the high bits, its state in the low two bits.
 *
 * <pre>
 *            casLease (gen + 1)              casRelease (same gen)
 *   IDLE ------------------------&gt; LEASED --------------------------&gt; IDLE
 *    |  \ casCheck                  |
 *    |   `-&gt; CHECKING -&gt; IDLE       | owner: setClosing
 *    | casClosing                   v
 *    `----------------------------&gt; CLOSING (terminal; removed from its slot under the pool lock)
 * </pre>
 *
 * <p>A lease remembers the generation it was granted; a return is a CAS from exactly {@code (gen, LEASED)}, so a
 * second return of the same lease, or a return after the connection was lent again, fails instead of releasing
 * someone else's lease. Only the owner of a state may leave it: IDLE by CAS (anyone), LEASED and CHECKING by their
 * holder. Fields other than the stamp are written by the owner before the stamp's releasing CAS and read by the next
 * owner after its acquiring CAS; maintenance reads {@link #idleSince} and {@link #leaseStart} racily (they only
 * time idleness and leaks).
 *
 * @param <C> the connection type
 */
final class PooledEntry<C extends Poolable> {
    static final int IDLE = 0;
    static final int LEASED = 1;
    static final int CHECKING = 2;
    static final int CLOSING = 3;
    private static final int STATE_BITS = 2;
    private static final long STATE_MASK = (1L << STATE_BITS) - 1;

    private static final VarHandle STAMP;

    static {
        try {
            STAMP = MethodHandles.lookup().findVarHandle(PooledEntry.class, "stamp", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final C resource;
    final KeyState<C> keyState;
    final int slot;
    final long createdAt;
    final long expiresAt;

    /** Generation and state; see the class comment. */
    private volatile long stamp;
    /** When it last became idle (coarse clock); written by the returning owner. */
    long idleSince;
    /** When its current lease began (coarse clock); written by the borrower. */
    long leaseStart;
    /** Where its current lease was taken, when leak detection is on. */
    Throwable borrowedAt;
    /** The generation whose leak maintenance already reported; maintenance thread only. */
    long leakReportedGeneration = -1;
    /** Set by a stale second return: whoever returns it next closes it. */
    volatile CloseReason poison;

    PooledEntry(final C resource, final KeyState<C> keyState, final int slot, final long createdAt,
                final long expiresAt) {
        this.resource = resource;
        this.keyState = keyState;
        this.slot = slot;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.idleSince = createdAt;
        // Plain store: the entry is published to other threads by the release store of its slot.
        STAMP.set(this, stamp(1, LEASED));
    }

    static long stamp(final long generation, final int state) {
        return generation << STATE_BITS | state;
    }

    static long generation(final long stamp) {
        return stamp >>> STATE_BITS;
    }

    static int state(final long stamp) {
        return (int) (stamp & STATE_MASK);
    }

    long stampVolatile() {
        return stamp;
    }

    boolean cas(final long expected, final long update) {
        return STAMP.compareAndSet(this, expected, update);
    }

    /**
     * Takes the entry if it is idle.
     *
     * @return the new lease's generation, or -1 if it was not idle or someone else took it first
     */
    long casLease() {
        final long s = stamp;
        if (state(s) != IDLE) {
            return -1;
        }
        final long generation = generation(s) + 1;
        return STAMP.compareAndSet(this, s, stamp(generation, LEASED)) ? generation : -1;
    }

    /**
     * Closes the entry if it is idle.
     *
     * @return whether this call moved it from IDLE to CLOSING (and so must retire it)
     */
    boolean casClosingIfIdle() {
        final long s = stamp;
        return state(s) == IDLE && STAMP.compareAndSet(this, s, stamp(generation(s), CLOSING));
    }

    /** The holder of a lease or of a check closes the entry: nobody else may change a held stamp. */
    void setClosingByOwner() {
        // Volatile store: publishes CLOSING to stale returners and to maintenance.
        stamp = stamp(generation(stamp), CLOSING);
    }
}
