package org.capring.service.task;

/** The work of one run of a background task. */
@FunctionalInterface
public interface BackgroundTask {
    /**
     * Runs once. A run past its deadline, or still running when its service stops, is cancelled:
     * {@link TaskRun#isCancelled()} turns true and its thread is interrupted; it should return soon after.
     *
     * @param run this run: its number, deadline and cancellation
     * @throws Exception to fail the run (logged and counted; later runs go on)
     */
    void run(TaskRun run) throws Exception;
}
