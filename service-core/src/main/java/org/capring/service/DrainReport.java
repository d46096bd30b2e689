package org.capring.service;

import java.util.List;

import org.capring.ring.call.DrainResult;
import org.capring.service.task.TaskReport;

/**
 * What stopping one instance of a service did.
 *
 * @param service        the service
 * @param instance       the instance (1, 2, ... in start order)
 * @param calls          the drain's exact counts: calls in flight when it began that finished within the grace
 *                       period ({@code drained}), were cancelled after it ({@code cancelled}), or ignored the cancel
 *                       ({@code stuck}, still holding their ring slots); calls refused with SHUTTING_DOWN while it
 *                       drained ({@code refused})
 * @param contextsLeaked call contexts of the instance still open at the end (a stuck call's, or a leak)
 * @param tasks          the instance's background tasks, cancelled and joined
 * @param ring           the drain of the service's own ring (through which it called its dependencies), or
 *                       {@link DrainResult#NONE}
 * @param drainNanos     from the drain's start (the gate closed) to its end (nothing in flight, or the rest cancelled
 *                       or stuck)
 * @param endLatencyNanos from the moment the last call in flight at the drain left to the drain's end: what the drain
 *                       waited beyond the work itself (0 if nothing was in flight)
 * @param stopNanos      from the drain's start to the instance's STOPPED (tasks joined, resources closed)
 * @param failure        why the stop failed (a stop hook or a resource that threw, others suppressed), or null
 */
public record DrainReport(String service, int instance, DrainResult calls, long contextsLeaked,
                          List<TaskReport> tasks, DrainResult ring, long drainNanos, long endLatencyNanos,
                          long stopNanos,
                          Throwable failure) {
    /** @return calls in flight when the drain began: drained + cancelled + stuck */
    public long inFlightAtStart() {
        return calls.drained() + calls.cancelled() + calls.stuck();
    }
}
