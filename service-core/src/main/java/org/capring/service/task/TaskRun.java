package org.capring.service.task;

/** One run of a background task, as the task sees it. Valid while the run lasts, on the run's thread. */
public interface TaskRun {
    /** @return the task's name */
    String task();

    /** @return 1 for the first run, 2 for the next, ... */
    long number();

    /** @return when the run will be cancelled, on the {@link System#nanoTime()} clock */
    long deadlineNanos();

    /** @return true once the run was cancelled (overrun, or the service stops) */
    boolean isCancelled();
}
