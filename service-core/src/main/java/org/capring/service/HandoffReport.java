package org.capring.service;

/**
 * What a successful {@link ServiceHost#handoff} did.
 *
 * @param service     the service
 * @param oldInstance the instance that served before (now STOPPED)
 * @param newInstance the instance serving now
 * @param readyNanos  from the handoff's start to the new instance's READY (its start and its probe)
 * @param swapNanos   the retarget itself: the binding's store and the old target's gate closing
 * @param oldStopped  the old instance's drain and stop
 */
public record HandoffReport(String service, int oldInstance, int newInstance, long readyNanos, long swapNanos,
                            DrainReport oldStopped) {
}
