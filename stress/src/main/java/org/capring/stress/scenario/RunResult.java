package org.capring.stress.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.capring.stress.latency.LatencyLog;
import org.capring.stress.ledger.Breach;
import org.capring.stress.ledger.Ledger;
import org.capring.stress.sut.Leftovers;

/**
 * Everything one run found.
 *
 * @param plan          what was planned
 * @param system        the system under test, described
 * @param started       when the load began (wall clock)
 * @param elapsedNanos  from the origin to the last answer
 * @param tally         the ledger at the end
 * @param breaches      the breaches kept, in order
 * @param breachTotal   all breaches, kept or not
 * @param events        the events that ran, in order
 * @param skippedEvents planned events not run (the run stopped first, or they fell behind the load)
 * @param leftovers     what the system still held after it stopped (null if it could not be stopped)
 * @param latency       every latency, per measure and window
 * @param lateOutcomes  outcomes of calls already lost (after their loss deadline or after the books closed)
 */
public record RunResult(Plan plan, String system, Instant started, long elapsedNanos, Ledger.Tally tally,
                        List<Breach> breaches, long breachTotal, List<EventRecord> events, int skippedEvents,
                        Leftovers leftovers, LatencyLog latency, long lateOutcomes) {
    /**
     * @throws NullPointerException if a required component is null
     */
    public RunResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(tally, "tally");
        breaches = List.copyOf(breaches);
        events = List.copyOf(events);
        Objects.requireNonNull(latency, "latency");
    }

    /** @return true if no invariant broke */
    public boolean passed() {
        return breachTotal == 0;
    }

    /** @return calls answered per second of the run */
    public double achievedRate() {
        final long answered = tally.outcomes().values().stream().mapToLong(Long::longValue).sum();
        return elapsedNanos <= 0 ? 0 : answered * 1e9 / elapsedNanos;
    }

    /**
     * @param kind an event kind
     * @return the events of that kind that ran
     */
    public List<EventRecord> events(final EventKind kind) {
        return events.stream().filter(e -> e.planned().kind() == kind).toList();
    }
}
