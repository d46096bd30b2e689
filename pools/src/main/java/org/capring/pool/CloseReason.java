package org.capring.pool;

/**
 * Why the pool closed a connection instead of keeping it. Each reason is counted per key
 * ({@code capring_pool_closed_total{reason=...}}). The first group is what a {@link Poolable} reports about its own
 * protocol state; the rest are the pool's decisions.
 */
public enum CloseReason {
    /** Bytes the peer sent were not consumed by any complete message read (unread, or read ahead and left over). */
    UNREAD_BYTES,
    /** Bytes were consumed past the last complete message boundary: a message half read (or over-read). */
    PARTIAL_READ,
    /** A message was half written. */
    PARTIAL_WRITE,
    /** A request was sent whose reply was never read (request-reply connections). */
    UNANSWERED_REQUEST,
    /** The connection left the pooled protocol (its raw channel was taken over). */
    UPGRADED,
    /** Bytes arrived while the connection sat idle in the pool. */
    DATA_WHILE_IDLE,
    /** The peer closed the connection. */
    PEER_CLOSED,
    /** The borrower discarded it ({@link Lease#discard()}): an I/O error, a cancelled exchange. */
    DISCARDED,
    /** It was returned to a pool that did not lend it. */
    WRONG_POOL,
    /** It was returned under a key other than the one it was lent for. */
    WRONG_KEY,
    /** A lease was returned twice: the connection may have been used after its first return. */
    DOUBLE_RETURN,
    /** Idle for longer than {@link PoolConfig#idleTimeout()}. */
    IDLE_TIMEOUT,
    /** Older than its (jittered) {@link PoolConfig#maxLifetime()}. */
    MAX_LIFETIME,
    /** {@link Poolable#validate(long)} failed when it was borrowed after an idle period. */
    VALIDATION_FAILED,
    /** The authority it carries was revoked ({@link KeyedPool#revokeAuthority}). */
    REVOKED,
    /** Its connect completed after a revocation or after the pool closed: it was never pooled. */
    CONNECT_FENCED,
    /** Closed while idle to free a global permit for a waiter of another key. */
    EVICTED,
    /** The pool closed. */
    POOL_CLOSED
}
