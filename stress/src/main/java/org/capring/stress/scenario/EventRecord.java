package org.capring.stress.scenario;

import java.util.Objects;

import org.capring.stress.sut.ActionReport;

/**
 * One event as it happened.
 *
 * @param planned        the planned event
 * @param startedNanos   when it began, after the run's origin
 * @param endedNanos     when it ended, after the run's origin
 * @param report         what the system under test said it did
 */
public record EventRecord(PlannedEvent planned, long startedNanos, long endedNanos, ActionReport report) {
    /**
     * @throws NullPointerException if planned or report is null
     */
    public EventRecord {
        Objects.requireNonNull(planned, "planned");
        Objects.requireNonNull(report, "report");
    }
}
