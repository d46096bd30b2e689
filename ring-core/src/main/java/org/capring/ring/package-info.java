/**
 * The off-heap capability ring: an io_uring-shaped submission queue (64-byte {@link org.capring.ring.Sqe}s) and
 * completion queue (32-byte {@link org.capring.ring.Cqe}s) plus call slots, in one region described by
 * {@link org.capring.ring.RingLayout} and owned by a {@link org.capring.ring.Ring}.
 *
 * <h2>Memory ordering</h2>
 * Method and comment vocabulary: <i>plain</i> (no ordering), <i>opaque</i> (atomic, unordered),
 * <i>release</i> store / <i>acquire</i> load (a release store publishes every earlier write to the thread that
 * acquire-loads the value it stored), <i>volatile</i> (sequentially consistent; a volatile store is a full fence
 * on x86). The ring's protocol:
 * <ul>
 *   <li>Producers claim positions (privately for {@link org.capring.ring.ProducerMode#SINGLE}, by CAS on the
 *       shared tail for {@link org.capring.ring.ProducerMode#MULTI}), write entries with plain stores, and
 *       publish a batch with one release store: each entry carries a commit sequence (position + 1); those
 *       after the first are stored plain, then the first with release.</li>
 *   <li>The consumer acquires each commit sequence in position order, reads the batch in place and
 *       release-stores the head once; producers acquire the head only when their cached copy says full.
 *       Because readiness lives in the entry itself, the consumer never polls a shared tail line.</li>
 *   <li>Wake-up: the consumer arms the queue's {@link org.capring.ring.concurrent.Doorbell} (a volatile store of
 *       its thread), raises NEED_WAKEUP in ring memory for tools and other processes, re-checks, then parks; a
 *       producer issues a full fence after publishing and then reads the doorbell, taking the armed thread out
 *       of it with a CAS before it unparks it. One of the two always sees the other, and a producer can only
 *       ever wake the thread that armed (the flag-then-waiter protocol this replaced could clear a new waiter's
 *       flag while unparking the previous one: {@code DoorbellLincheckTest} shows the schedule).</li>
 * </ul>
 * Each side keeps a private cursor; the producer caches the consumer's head, so the head line moves between
 * cores only when the queue looks full.
 *
 * <h2>Lifetime</h2>
 * Every queue handle holds a lease on the ring's memory ({@code RingMemory}); {@link org.capring.ring.Ring#close()}
 * gives up only the ring's own lease, so memory is released when the last handle is closed (or collected), never
 * while a thread can still reach it through a handle.
 */
package org.capring.ring;
