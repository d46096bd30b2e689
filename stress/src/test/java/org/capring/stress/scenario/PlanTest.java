package org.capring.stress.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.capring.stress.load.Arrivals;
import org.capring.stress.sut.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PlanTest {
    private static final Set<Action> ALL = EnumSet.allOf(Action.class);

    private static PlanSpec spec(final Scenario scenario, final long seed) {
        return PlanSpec.of(scenario, seed, 5_000, Duration.ofSeconds(20)).withArrivals(Arrivals.POISSON);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void build_sameSeedTwice_sameArrivalsEventsAndHungCalls(final Scenario scenario) {
        final Plan a = Plan.build(spec(scenario, 42), ALL);
        final Plan b = Plan.build(spec(scenario, 42), ALL);
        assertTrue(a.samePlan(b));
        assertEquals(a.events(), b.events());
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = "STEADY", mode = EnumSource.Mode.EXCLUDE)
    void build_otherSeed_otherArrivalsAndEvents(final Scenario scenario) {
        final Plan a = Plan.build(spec(scenario, 42), ALL);
        final Plan b = Plan.build(spec(scenario, 43), ALL);
        assertFalse(a.schedule().sameCalls(b.schedule()), "arrivals differ");
        assertFalse(a.events().equals(b.events()), "events differ");
    }

    @Test
    void build_mixed_drawsEveryKindWithinTheRun() {
        final Plan plan = Plan.build(spec(Scenario.MIXED, 7), ALL);
        final Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        plan.events().forEach(e -> kinds.add(e.kind()));
        assertEquals(EnumSet.allOf(EventKind.class), kinds);
        final long duration = plan.spec().duration().toNanos();
        for (final PlannedEvent e : plan.events()) {
            assertTrue(e.atNanos() > 0 && e.atNanos() < duration, "event inside the load: " + e);
        }
    }

    @Test
    void build_mixedOnASystemWithoutHandoffs_drawsOnlyWhatItSupports() {
        final Plan plan = Plan.build(spec(Scenario.MIXED, 7), EnumSet.of(Action.DRAIN, Action.REVOKE));
        assertFalse(plan.events().isEmpty());
        assertTrue(plan.events().stream().allMatch(e -> e.kind().action() == Action.DRAIN
            || e.kind().action() == Action.REVOKE), plan.events().toString());
    }

    @Test
    void build_handoffOnASystemWithoutHandoffs_unsupportedScenario() {
        final UnsupportedScenarioException e = assertThrows(UnsupportedScenarioException.class,
            () -> Plan.build(spec(Scenario.HANDOFF, 1), EnumSet.of(Action.DRAIN)));
        assertTrue(e.getMessage().contains("handoff"), e.getMessage());
    }

    @Test
    void build_hungHandler_marksCallsJustBeforeEachDrain() {
        final Plan plan = Plan.build(spec(Scenario.HUNG_HANDLER, 3), ALL);
        assertFalse(plan.events().isEmpty());
        assertTrue(plan.hungCount() >= plan.events().size(), plan.hungCount() + " hung for " + plan.events().size());
        assertTrue(plan.hungCount() <= Plan.HUNG_PER_DRAIN * plan.events().size());
    }

    @Test
    void build_constantArrivals_evenlySpacedAtTheRate() {
        final Plan plan = Plan.build(PlanSpec.of(Scenario.STEADY, 1, 1_000, Duration.ofSeconds(2)), ALL);
        assertEquals(2_000, plan.schedule().size());
        assertEquals(1_000_000L, plan.schedule().intendedNanos(1) - plan.schedule().intendedNanos(0));
    }

    @Test
    void build_poissonArrivals_aboutTheRate() {
        final Plan plan = Plan.build(spec(Scenario.STEADY, 11), ALL);
        final double perSecond = plan.schedule().size() / 20.0;
        assertTrue(perSecond > 4_800 && perSecond < 5_200, "Poisson count near the rate: " + perSecond);
    }

    @Test
    void planSpec_badValues_rejected() {
        assertThrows(IllegalArgumentException.class, () -> PlanSpec.of(Scenario.STEADY, 1, 0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> PlanSpec.of(Scenario.STEADY, 1, 10, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> PlanSpec.of(Scenario.STEADY, 1, 10, Duration.ofSeconds(1))
            .withGaps(Duration.ofMillis(300), Duration.ofMillis(100)));
    }
}
