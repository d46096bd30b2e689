/**
 * Real pooled connections: Cap'n Proto messages in the standard stream framing over plain TCP
 * ({@link org.capring.pool.net.TcpConnector}) or TLS ({@link org.capring.pool.net.TlsConnector}, on the JDK's
 * {@link javax.net.ssl.SSLEngine}), optionally through a chain of HTTP {@code CONNECT} proxies. Connectors take
 * everything they dial, present and verify from the {@link org.capring.pool.PoolKey}; a
 * {@link org.capring.pool.net.CapnpConnection} tracks message boundaries exactly, so the pool can tell a fully
 * consumed connection from one with unread bytes, a half message or an unanswered request.
 *
 * <p>Connections are confined: one borrower at a time, handed over with the pool's happens-before edges; the
 * connectors are thread-safe.
 */
package org.capring.pool.net;
