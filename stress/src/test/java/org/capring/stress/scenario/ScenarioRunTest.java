package org.capring.stress.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.capring.stress.latency.Measure;
import org.capring.stress.latency.Window;
import org.capring.stress.ledger.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short version of every scenario the ring-core system supports, each asserting what the scenario promises and
 * that its events really happened under load. {@code -Dcapring.stress.long=true} runs each ten times as long.
 */
@Timeout(600)
class ScenarioRunTest {

    private static void assertPassed(final RunResult r) {
        assertTrue(r.passed(), () -> "breaches: " + r.breaches());
        assertEquals(0, r.tally().lost());
        assertEquals(0, r.tally().duplicated());
        assertTrue(r.leftovers().clean(), () -> "leftovers: " + r.leftovers());
        assertEquals(r.tally().issued(), r.plan().schedule().size(), "every planned call was issued");
    }

    @Test
    void run_steady_everyCallCompletesOrFailsTyped() throws Exception {
        final RunResult r = Runs.run(Scenario.STEADY, Duration.ofSeconds(2));
        assertPassed(r);
        assertEquals(0, r.tally().count(Outcome.REFUSED));
        assertEquals(0, r.tally().count(Outcome.INDETERMINATE));
        assertTrue(r.tally().count(Outcome.COMPLETED) > 0);
        assertEquals(r.tally().issued(), r.latency().total(Measure.CORRECTED, Window.STEADY).getTotalCount()
            + r.latency().total(Measure.CORRECTED, Window.WARMUP).getTotalCount(),
            "every answer recorded, all in the warm-up or the steady window");
        assertTrue(r.latency().total(Measure.CORRECTED, Window.WARMUP).getTotalCount() > 0);
    }

    @Test
    void run_drain_drainsUnderLoadWithCallsInFlightAndLosesNothing() throws Exception {
        final RunResult r = Runs.run(Scenario.DRAIN, Duration.ofSeconds(3));
        assertPassed(r);
        assertTrue(r.events(EventKind.DRAIN).size() >= 5, "drains ran: " + r.events().size());
        assertTrue(r.events(EventKind.DRAIN).stream().anyMatch(e -> e.report().inFlightAtStart() > 0),
            "some drain found calls in flight (the window was real): " + r.events());
        assertTrue(r.latency().total(Measure.CORRECTED, Window.DRAINING).getTotalCount() > 0,
            "calls were answered inside drain windows");
    }

    @Test
    void run_hungHandler_hungCallsCancelledAfterTheGraceNothingElseDisturbed() throws Exception {
        final RunResult r = Runs.run(Scenario.HUNG_HANDLER, Duration.ofSeconds(3));
        assertPassed(r);
        final long cancelled = r.events(EventKind.HUNG_DRAIN).stream().mapToLong(e -> e.report().cancelled()).sum();
        assertTrue(cancelled > 0, "hung calls outlived the grace and were cancelled: " + r.events());
        final long indeterminate = r.tally().count(Outcome.INDETERMINATE);
        assertTrue(indeterminate > 0 && indeterminate <= cancelled, "the hung calls, and only they (DISTURBED "
            + "otherwise), ended indeterminate: " + indeterminate + " of " + cancelled + " cancelled");
    }

    @Test
    void run_revoke_invalidHandleOnlyAfterEachRevocation() throws Exception {
        final RunResult r = Runs.run(Scenario.REVOKE, Duration.ofSeconds(3));
        assertPassed(r);
        assertTrue(r.events(EventKind.REVOKE).size() >= 5, "revocations ran: " + r.events());
        assertTrue(r.tally().count(Outcome.COMPLETED) > 0, "calls on fresh handles went on completing");
    }

    @Test
    void run_slowConsumer_backpressureWithoutLoss() throws Exception {
        final RunResult r = Runs.run(Scenario.SLOW_CONSUMER, Duration.ofSeconds(3));
        assertPassed(r);
        assertTrue(r.events(EventKind.PAUSE_REAPING).size() >= 3, "pauses ran: " + r.events());
        // Callers that waited behind a pause saw at least the pause's length from their intended start.
        final long shortestPause = r.events(EventKind.PAUSE_REAPING).stream()
            .mapToLong(e -> e.planned().lengthNanos()).min().orElseThrow();
        assertTrue(r.latency().total(Measure.CORRECTED, Window.FAULT).getMaxValue() >= shortestPause / 2,
            "the pause shows in the corrected latency of its window");
        assertEquals(0, r.tally().count(Outcome.INDETERMINATE));
    }

    @Test
    void run_mixed_everySupportedEventUnderOneSeed() throws Exception {
        final RunResult r = Runs.run(Scenario.MIXED, Duration.ofSeconds(4));
        assertPassed(r);
        assertTrue(r.events().stream().map(e -> e.planned().kind()).distinct().count() >= 3,
            "several kinds of event: " + r.events());
    }
}
