package org.capring.stress.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.capring.stress.latency.Measure;
import org.capring.stress.latency.Window;
import org.capring.stress.ledger.Outcome;
import org.capring.stress.sut.ServiceCoreSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short version of every scenario on the service container (the default system): drains and handoffs through
 * {@code ServiceHost}, each asserting what the scenario promises and that its events happened under load.
 */
@Timeout(600)
class ServiceCoreScenarioTest {

    private static RunResult run(final Scenario scenario, final Duration duration) throws Exception {
        return Runs.run(scenario, duration, new ServiceCoreSystem(new ServiceCoreSystem.Config(256,
            Runs.settings().grace())), Runs.settings());
    }

    private static void assertPassed(final RunResult r) {
        assertTrue(r.passed(), () -> "breaches: " + r.breaches());
        assertEquals(0, r.tally().lost());
        assertEquals(0, r.tally().duplicated());
        assertTrue(r.leftovers().clean(), () -> "leftovers: " + r.leftovers());
    }

    @Test
    void run_handoff_liveHandoffsUnderLoadRefuseNothing() throws Exception {
        final RunResult r = run(Scenario.HANDOFF, Duration.ofSeconds(3));
        assertPassed(r);
        assertTrue(r.events(EventKind.HANDOFF).size() >= 5, r.events().toString());
        assertTrue(r.events(EventKind.HANDOFF).stream().anyMatch(e -> e.report().inFlightAtStart() > 0),
            "some handoff drained calls in flight (the window was real): " + r.events());
        assertEquals(0, r.tally().count(Outcome.REFUSED), "a handoff refuses nothing: " + r.tally().byStatus());
        assertTrue(r.latency().total(Measure.CORRECTED, Window.HANDOFF).getTotalCount() > 0);
    }

    @Test
    void run_crashBeforeReady_oldInstanceServesOnNothingRefused() throws Exception {
        final RunResult r = run(Scenario.CRASH_BEFORE_READY, Duration.ofSeconds(3));
        assertPassed(r);
        assertTrue(r.events(EventKind.FAILED_HANDOFF).size() >= 5, r.events().toString());
        assertEquals(0, r.tally().count(Outcome.REFUSED));
    }

    @Test
    void run_drain_hostDrainsAndRestartsLosingNothing() throws Exception {
        final RunResult r = run(Scenario.DRAIN, Duration.ofSeconds(3));
        assertPassed(r);
        assertTrue(r.events(EventKind.DRAIN).size() >= 3, r.events().toString());
        assertTrue(r.events(EventKind.DRAIN).stream().anyMatch(e -> e.report().inFlightAtStart() > 0),
            "some drain found calls in flight: " + r.events());
    }

    @Test
    void run_hungHandler_hungCallsCancelledNothingElseDisturbed() throws Exception {
        final RunResult r = run(Scenario.HUNG_HANDLER, Duration.ofSeconds(3));
        assertPassed(r);
        final long cancelled = r.events(EventKind.HUNG_DRAIN).stream().mapToLong(e -> e.report().cancelled()).sum();
        final long indeterminate = r.tally().count(Outcome.INDETERMINATE);
        assertTrue(indeterminate > 0 && indeterminate <= cancelled, indeterminate + " indeterminate, " + cancelled
            + " cancelled: " + r.events());
    }

    @Test
    void run_revoke_invalidHandleOnlyAfterEachRevocationFreshClientsServeOn() throws Exception {
        final RunResult r = run(Scenario.REVOKE, Duration.ofSeconds(3));
        assertPassed(r);
        assertTrue(r.events(EventKind.REVOKE).size() >= 5, r.events().toString());
        assertTrue(r.events(EventKind.REVOKE).stream().allMatch(e -> e.report().succeeded()), r.events().toString());
        assertTrue(r.tally().count(Outcome.COMPLETED) > 0, "Echo calls on the fresh handles went on completing");
        assertEquals(0, r.tally().byStatus().getOrDefault("SHUTTING_DOWN", 0L),
            "no revoked client was closed under a call: " + r.tally().byStatus());
    }

    @Test
    void run_slowConsumerAndMixed_noLoss() throws Exception {
        assertPassed(run(Scenario.SLOW_CONSUMER, Duration.ofSeconds(2)));
        final RunResult mixed = run(Scenario.MIXED, Duration.ofSeconds(4));
        assertPassed(mixed);
        assertTrue(mixed.events().stream().map(e -> e.planned().kind()).distinct().count() >= 4, mixed.events().toString());
    }
}
