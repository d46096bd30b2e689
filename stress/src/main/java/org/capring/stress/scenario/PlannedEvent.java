package org.capring.stress.scenario;

import java.util.Objects;

/**
 * One event of the plan.
 *
 * @param index        its place in the plan, from 0
 * @param kind         what happens
 * @param atNanos      when it is planned, nanoseconds after the run's origin
 * @param lengthNanos  how long it lasts where the event itself has a length (a reaping pause), else 0
 */
public record PlannedEvent(int index, EventKind kind, long atNanos, long lengthNanos) {
    /**
     * @throws NullPointerException     if kind is null
     * @throws IllegalArgumentException if a time is negative
     */
    public PlannedEvent {
        Objects.requireNonNull(kind, "kind");
        if (atNanos < 0 || lengthNanos < 0) {
            throw new IllegalArgumentException("event times must not be negative: " + atNanos + ", " + lengthNanos);
        }
    }
}
