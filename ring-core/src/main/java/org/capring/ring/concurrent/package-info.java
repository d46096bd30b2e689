/**
 * The concurrency protocols the ring's runtime is built from, each in one place with its own tests, so that
 * the call runtime and the containers above it never write one twice:
 * <ul>
 *   <li>{@link org.capring.ring.concurrent.Doorbell}: one waiter parks, any thread wakes it; the handshake
 *       behind NEED_WAKEUP, the endpoint mailboxes and the caller-reaper hand-off;</li>
 *   <li>{@link org.capring.ring.concurrent.DrainGate}: admission and drain by exact count (increment before
 *       the state check, the last one out wakes the drainer; each exit says whether the drain had begun);</li>
 *   <li>{@link org.capring.ring.concurrent.StateMachine}: a lifecycle with an explicit transition table,
 *       transitions taken once, listeners told of every one;</li>
 *   <li>{@link org.capring.ring.concurrent.VirtualThreads}: the one thread factory of a component, named
 *       virtual threads counted until they end;</li>
 *   <li>{@link org.capring.ring.concurrent.FullQueueBackoff}: how a producer waits for room;</li>
 *   <li>{@link org.capring.ring.concurrent.CancelHandshake}: cancel one piece of work by flag and interrupt, the
 *       interrupt never outliving that work (the next call on a reused thread never sees it).</li>
 * </ul>
 *
 * <h2>Memory ordering</h2>
 * The vocabulary is that of {@code org.capring.ring}: every non-plain store carries a comment saying what it
 * publishes and to whom. The doorbell and the drain gate are Dekker pairs made of sequentially consistent
 * accesses (a volatile store or an atomic read-modify-write on one side, a full fence or an atomic
 * read-modify-write then a volatile load on the other): of two threads that each write their word and then
 * read the other's, at least one sees the other's write.
 */
package org.capring.ring.concurrent;
