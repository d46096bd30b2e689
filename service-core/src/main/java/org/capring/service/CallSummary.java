package org.capring.service;

import org.capring.ring.call.Status;
import org.capring.service.metrics.CallOutcome;

/**
 * One call, as the {@link CallLog} phase sees it once its context closed.
 *
 * @param id             the context's number within its service (1, 2, ...)
 * @param service        the service
 * @param instance       the instance that served it (1, 2, ... in start order), 0 if none did
 * @param method         the method ordinal
 * @param methodName     the method's name
 * @param caller         who made it
 * @param outcome        how it ended
 * @param status         the status it was answered with ({@link Status})
 * @param dispatched     whether a handler ran
 * @param filter         what the request filter decided, or null if none ran
 * @param route          the target index of the last attempt, -1 if none was chosen
 * @param attempts       attempts made (0 if no handler was tried)
 * @param latencyNanos   from the context's opening to the end of its phases (the logging phase excluded)
 * @param callNanos      time spent in handlers, every attempt added up; measured from the context's opening when
 *                       no phase runs before the first attempt (the container's few instructions between included)
 * @param error          the failure's text, or null
 */
public record CallSummary(long id, String service, int instance, int method, String methodName, Caller caller,
                          CallOutcome outcome, int status, boolean dispatched, RequestFilter.Verdict filter,
                          int route, int attempts, long latencyNanos, long callNanos, String error) {
    /** @return the status's name, e.g. {@code SHUTTING_DOWN} */
    public String statusName() {
        return Status.name(status);
    }
}
