package org.capring.ring.call;

/**
 * What a {@link RingServer} shutdown did.
 *
 * @param drained      calls in flight at shutdown that finished on their own within the grace period
 * @param cancelled    calls still in flight after the grace period, cancelled and then completed
 * @param refused      calls refused with {@link Status#SHUTTING_DOWN} while draining
 * @param stuck        calls whose handlers ignored cancellation and interruption; their slots stay busy
 * @param threadsAlive server threads still running when the shutdown returned (only with stuck calls): they keep
 *                     the ring memory alive until they end; {@link RingServer#awaitTermination} waits for them
 */
public record DrainResult(long drained, long cancelled, long refused, int stuck, int threadsAlive) {
    /** The result of a shutdown that found the server already shut down. */
    public static final DrainResult NONE = new DrainResult(0, 0, 0, 0, 0);
}
