package org.capring.ring.call;

/**
 * What a {@link RingServer} shutdown did.
 *
 * @param drained   calls in flight at shutdown that finished on their own within the grace period
 * @param cancelled calls still in flight after the grace period, cancelled and then completed
 * @param refused   calls refused with {@link Status#SHUTTING_DOWN} while draining
 * @param stuck     calls whose handlers ignored cancellation and interruption; their slots stay busy
 */
public record DrainResult(long drained, long cancelled, long refused, int stuck) {
}
