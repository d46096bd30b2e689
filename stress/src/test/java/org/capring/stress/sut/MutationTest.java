package org.capring.stress.sut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;

import org.capring.stress.ledger.Breach;
import org.capring.stress.ledger.BreachKind;
import org.capring.stress.scenario.Plan;
import org.capring.stress.scenario.PlanSpec;
import org.capring.stress.scenario.RunResult;
import org.capring.stress.scenario.RunSettings;
import org.capring.stress.scenario.Scenario;
import org.capring.stress.scenario.StressRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/**
 * With a fault injected into the system under test, the run fails with the faulty call's id and the right reason,
 * and stops: the ledger catches what it exists to catch.
 */
@Timeout(60)
class MutationTest {
    private static final long FAULTY_ID = 700;

    private static BreachKind expected(final Fault.Kind kind) {
        return switch (kind) {
            case DROP_COMPLETION -> BreachKind.LOST;
            case EXECUTE_TWICE -> BreachKind.DUPLICATE_EXECUTION;
            case REFUSE_AFTER_DISPATCH -> BreachKind.REFUSED_BUT_EXECUTED;
        };
    }

    @ParameterizedTest
    @EnumSource(Fault.Kind.class)
    void run_faultInjectedAtOneCall_failsWithThatIdAndReason(final Fault.Kind kind) throws Exception {
        final Plan plan = Plan.build(PlanSpec.of(Scenario.STEADY, 9, 1_000, Duration.ofSeconds(3)),
            EnumSet.noneOf(Action.class));
        final SystemUnderTest system = new FaultInjectingSystem(new RingCoreSystem(RingCoreSystem.Config.defaults()),
            new Fault(kind, FAULTY_ID));
        final RunResult r = StressRun.run(plan, system,
            RunSettings.defaults().withLossTimeout(Duration.ofMillis(800)).withInterval(Duration.ofMillis(100))
                .withLagBound(Duration.ofSeconds(2)));
        assertFalse(r.passed(), "the fault was caught");
        final Breach first = r.breaches().getFirst();
        assertEquals(expected(kind), first.kind(), r.breaches().toString());
        assertEquals(FAULTY_ID, first.id(), r.breaches().toString());
        assertTrue(r.breaches().stream().allMatch(b -> b.id() == FAULTY_ID || b.id() == Breach.NO_CALL),
            "no other call is blamed: " + r.breaches());
        assertTrue(r.tally().issued() < plan.schedule().size(), "the breach stopped the run early");
        assertTrue(r.leftovers().clean(), "the run still returned everything: " + r.leftovers());
    }
}
