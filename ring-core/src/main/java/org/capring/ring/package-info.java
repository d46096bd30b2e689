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
 *   <li>Producers write entries with plain stores and publish them with one release store per batch: of the
 *       tail ({@link org.capring.ring.ProducerMode#SINGLE}) or of the first entry's commit sequence
 *       ({@link org.capring.ring.ProducerMode#MULTI}, after plain stores of the others).</li>
 *   <li>The consumer acquires the tail (or each commit sequence, in order), reads the batch in place and
 *       release-stores the head once; producers acquire the head only when their cached copy says full.</li>
 *   <li>Wake-up: the consumer raises NEED_WAKEUP with a volatile store, re-checks, then parks; a producer issues
 *       a full fence after publishing and then reads the flag. One of the two always sees the other.</li>
 * </ul>
 * Each side keeps a private cursor and a cached copy of the other side's index, so a shared index line is
 * touched once per batch in the common case.
 */
package org.capring.ring;
