package org.capring.pool;

/**
 * The right to use one pooled connection until it is returned. Obtained from {@link KeyedPool#acquire}; returned
 * with {@link #close()} (the pool then checks that its protocol state is fully consumed, and closes it if not) or
 * given up with {@link #discard()}.
 *
 * {@snippet :
 * try (Lease<CapnpConnection> lease = pool.acquire(key)) {
 *     lease.connection().send(request);
 *     MessageReader reply = lease.connection().receive();
 * } // returned here: reused only if nothing is left unread or half-done
 * }
 *
 * <p>A lease is for one borrower at a time (it may be handed to another thread, with a happens-before edge). Every
 * lease carries the generation it was granted, so a lease that was already returned can neither be returned again
 * nor reach the connection: {@link #close()} then throws {@link IllegalReturnException} and {@link #connection()}
 * {@link StaleLeaseException}, and the connection, which someone else may hold by now, is closed as soon as nobody
 * does.
 *
 * @param <C> the connection type
 */
public final class Lease<C extends Poolable> implements AutoCloseable {
    final KeyedPool<C> pool;
    final PooledEntry<C> entry;
    final long generation;

    Lease(final KeyedPool<C> pool, final PooledEntry<C> entry, final long generation) {
        this.pool = pool;
        this.entry = entry;
        this.generation = generation;
    }

    /**
     * @return the leased connection
     * @throws StaleLeaseException if this lease was already returned or discarded
     */
    public C connection() {
        if (entry.stampVolatile() != PooledEntry.stamp(generation, PooledEntry.LEASED)) {
            throw new StaleLeaseException(entry.keyState.key);
        }
        return entry.resource;
    }

    /** @return the key the connection was opened for */
    public PoolKey key() {
        return entry.keyState.key;
    }

    /** @return whether this lease still holds its connection (not yet returned or discarded) */
    public boolean isHeld() {
        return entry.stampVolatile() == PooledEntry.stamp(generation, PooledEntry.LEASED);
    }

    /**
     * Returns the connection. It goes back to the pool only if {@link Poolable#checkReturn()} finds its protocol
     * state fully consumed, its authority is not revoked, it has not outlived its lifetime and the pool is open;
     * otherwise it is closed. Either way its permit is kept or given back exactly once.
     *
     * @throws IllegalReturnException with {@link CloseReason#DOUBLE_RETURN} if this lease was already returned
     */
    @Override
    public void close() {
        pool.release(this, null);
    }

    /**
     * Closes the connection instead of returning it (after an I/O error, a timeout, a cancelled exchange: whenever
     * its protocol state is unknown). Its permit is given back.
     *
     * @throws IllegalReturnException with {@link CloseReason#DOUBLE_RETURN} if this lease was already returned
     */
    public void discard() {
        pool.release(this, CloseReason.DISCARDED);
    }

    void closeFor(final CloseReason reason) {
        pool.release(this, reason);
    }

    @Override
    public String toString() {
        return "Lease[" + entry.keyState.key + " generation " + generation + (isHeld() ? "" : " returned") + "]";
    }
}
