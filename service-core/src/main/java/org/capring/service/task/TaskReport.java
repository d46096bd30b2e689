package org.capring.service.task;

/**
 * What one background task did (a snapshot, or the final account once its service stopped).
 *
 * @param task            the task's name
 * @param started         runs started
 * @param completed       runs that returned normally (a run cancelled as an overrun that then returned normally counts
 *                        here too)
 * @param failed          runs that threw (not counting cancelled ones)
 * @param overruns        runs cancelled because they passed their deadline
 * @param skipped         runs due while {@link TaskConfig#maxConcurrent()} runs were running
 * @param cancelledAtStop runs still running when the service stopped, cancelled then
 * @param stuck           runs that had not ended by the stop's deadline (their threads may still run)
 */
public record TaskReport(String task, long started, long completed, long failed, long overruns, long skipped,
                         long cancelledAtStop, long stuck) {
}
