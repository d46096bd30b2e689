/**
 * Connection pools keyed by every attribute of authority and identity.
 *
 * <p>A {@link org.capring.pool.PoolKey} is an immutable value of everything that decides whether a connection may
 * serve a caller (target as dialed, transport, TLS and its whole configuration, proxies and their credentials,
 * connection credentials, authority id and epoch, tenant, caller, request policy), compared field by field. A
 * {@link org.capring.pool.KeyedPool} lends a connection only for an equal key and takes it back only if its protocol
 * state is fully consumed ({@link org.capring.pool.Poolable#checkReturn()}); everything else closes it, with a
 * {@link org.capring.pool.CloseReason} counted per key in {@link org.capring.pool.PoolMetrics}.
 *
 * <h2>Memory ordering</h2>
 * Names say the ordering: {@code …Acquire} loads and {@code …Release} stores pair up (a key's slots are published
 * with release stores under the pool lock and read with acquire loads by lock-free borrowers); {@code cas…} is a
 * volatile compare-and-set (a full fence); fields declared {@code volatile} are read and written with volatile
 * semantics and say so at each store. The one cross-thread protocol that relies on a full fence is the Dekker pair
 * "publish IDLE, then read the waiter count" against "register as waiter (under the lock), then look for IDLE",
 * and its twin for revocation and close; {@link org.capring.pool.KeyedPool} explains both.
 *
 * <p>Real connections (TCP, TLS, Cap'n Proto stream framing) are in {@link org.capring.pool.net}.
 */
package org.capring.pool;
