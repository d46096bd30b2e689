package org.capring.pool;

/**
 * What the pool needs from a pooled connection: to know whether its protocol state is fully consumed, and to close
 * it. The pool calls these methods only while it owns the connection exclusively (on return, on borrow, during
 * maintenance), never concurrently with a borrower, so implementations need no locking of their own.
 */
public interface Poolable {
    /**
     * Called when a borrower returns the connection.
     *
     * @return why the connection must not be reused (unread bytes, a half-read or half-written message, an
     *     unanswered request, an upgrade, the peer gone), or {@code null} when its protocol state is fully consumed
     */
    CloseReason checkReturn();

    /**
     * Called before an idle connection is lent again, and by maintenance on idle connections.
     *
     * @return {@link CloseReason#DATA_WHILE_IDLE} if bytes arrived while it was idle, {@link CloseReason#PEER_CLOSED}
     *     if the peer hung up, or {@code null} when nothing happened; must not block
     */
    CloseReason checkIdle();

    /**
     * Called before a connection idle for at least {@link PoolConfig#validateAfterIdle()} is lent again.
     *
     * @param timeoutNanos how long validation may take
     * @return whether the connection is still usable
     */
    boolean validate(long timeoutNanos);

    /** Closes the connection. Must not throw; called at most once by the pool. */
    void close();
}
