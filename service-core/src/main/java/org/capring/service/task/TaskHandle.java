package org.capring.service.task;

/** A registered background task: fire it, read its counts. Thread-safe. */
public interface TaskHandle {
    /** @return the task's name */
    String name();

    /**
     * Asks for one run now (the trigger of a triggered task; an extra run of a periodic one). A run that cannot start
     * because {@link TaskConfig#maxConcurrent()} runs are running is skipped and counted. Does nothing once the
     * tasks were stopped.
     */
    void fire();

    /** @return the task's counts so far */
    TaskReport report();
}
