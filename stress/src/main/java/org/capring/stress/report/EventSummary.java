package org.capring.stress.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.capring.stress.scenario.EventKind;
import org.capring.stress.scenario.EventRecord;

/**
 * The events of one kind, added up.
 *
 * @param count         events that ran
 * @param withInFlight  of them, those that found calls in flight when they began (the window was real)
 * @param drained       calls that finished within the grace
 * @param cancelled     calls cancelled after the grace
 * @param refused       calls refused while draining
 * @param failed        events that did not do what they promise
 * @param minNanos      shortest event
 * @param medianNanos   median event length
 * @param maxNanos      longest event
 */
public record EventSummary(int count, int withInFlight, long drained, long cancelled, long refused, int failed,
                           long minNanos, long medianNanos, long maxNanos) {
    /**
     * @param events the events of a run
     * @return one summary per kind that ran
     */
    public static Map<EventKind, EventSummary> of(final List<EventRecord> events) {
        final Map<EventKind, EventSummary> summaries = new EnumMap<>(EventKind.class);
        for (final EventKind kind : EventKind.values()) {
            final List<EventRecord> of = events.stream().filter(e -> e.planned().kind() == kind).toList();
            if (of.isEmpty()) {
                continue;
            }
            final long[] lengths = of.stream().mapToLong(e -> e.endedNanos() - e.startedNanos()).sorted().toArray();
            summaries.put(kind, new EventSummary(of.size(),
                (int) of.stream().filter(e -> e.report().inFlightAtStart() > 0).count(),
                of.stream().mapToLong(e -> e.report().drained()).sum(),
                of.stream().mapToLong(e -> e.report().cancelled()).sum(),
                of.stream().mapToLong(e -> e.report().refused()).sum(),
                (int) of.stream().filter(e -> !e.report().succeeded()).count(),
                lengths[0], lengths[lengths.length / 2], lengths[lengths.length - 1]));
        }
        return summaries;
    }
}
