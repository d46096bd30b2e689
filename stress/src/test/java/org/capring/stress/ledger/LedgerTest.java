package org.capring.stress.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;

import org.capring.ring.call.Status;
import org.capring.stress.load.Arrivals;
import org.capring.stress.load.Schedule;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private final BreachLog breaches = new BreachLog();
    private final Ledger ledger = new Ledger(10, breaches);

    private void assertOnlyBreach(final BreachKind kind, final long id) {
        assertTrue(breaches.tripped(), "a breach was reported");
        assertEquals(kind, breaches.first().kind(), breaches.breaches().toString());
        assertEquals(id, breaches.first().id(), breaches.breaches().toString());
    }

    @Test
    void record_completedOnceAfterOneExecution_noBreach() {
        ledger.issue(3);
        ledger.executed(3);
        assertTrue(ledger.record(3, Outcome.COMPLETED, Status.OK));
        assertFalse(breaches.tripped());
        final Ledger.Tally tally = ledger.finish(10);
        assertEquals(1, tally.count(Outcome.COMPLETED));
        assertEquals(0, tally.duplicated());
    }

    @Test
    void record_secondOutcome_duplicateOutcome() {
        ledger.issue(2);
        ledger.record(2, Outcome.REFUSED, Status.SHUTTING_DOWN);
        assertFalse(ledger.record(2, Outcome.REFUSED, Status.SHUTTING_DOWN));
        assertOnlyBreach(BreachKind.DUPLICATE_OUTCOME, 2);
        assertEquals(Outcome.REFUSED, ledger.outcome(2), "the first outcome stays");
    }

    @Test
    void executed_twice_duplicateExecution() {
        ledger.issue(4);
        ledger.executed(4);
        ledger.executed(4);
        assertOnlyBreach(BreachKind.DUPLICATE_EXECUTION, 4);
    }

    @Test
    void record_refusalOfAnExecutedCall_refusedButExecuted() {
        ledger.issue(5);
        ledger.executed(5);
        ledger.record(5, Outcome.REFUSED, Status.SHUTTING_DOWN);
        assertOnlyBreach(BreachKind.REFUSED_BUT_EXECUTED, 5);
    }

    @Test
    void executed_afterItsRefusal_refusedButExecuted() {
        ledger.issue(6);
        ledger.record(6, Outcome.REFUSED, Status.SHUTTING_DOWN);
        ledger.executed(6);
        assertOnlyBreach(BreachKind.REFUSED_BUT_EXECUTED, 6);
    }

    @Test
    void record_completionWithoutExecution_completedNotExecutedOnce() {
        ledger.issue(7);
        ledger.record(7, Outcome.COMPLETED, Status.OK);
        assertOnlyBreach(BreachKind.COMPLETED_NOT_EXECUTED_ONCE, 7);
    }

    @Test
    void executed_neverIssued_phantomExecution() {
        ledger.executed(8);
        assertOnlyBreach(BreachKind.PHANTOM_EXECUTION, 8);
    }

    @Test
    void executed_idOutsideTheSchedule_phantomExecution() {
        ledger.executed(99);
        assertOnlyBreach(BreachKind.PHANTOM_EXECUTION, 99);
    }

    @Test
    void record_indeterminateWithOrWithoutExecution_noBreach() {
        ledger.issue(0);
        ledger.issue(1);
        ledger.executed(1);
        ledger.record(0, Outcome.INDETERMINATE, Status.CANCELLED);
        ledger.record(1, Outcome.INDETERMINATE, Status.CANCELLED);
        ledger.executed(0); // ran after its caller gave up: allowed once
        assertFalse(breaches.tripped(), breaches.breaches().toString());
    }

    @Test
    void finish_issuedWithoutOutcome_lost() {
        ledger.issue(9);
        final Ledger.Tally tally = ledger.finish(10);
        assertEquals(1, tally.lost());
        assertOnlyBreach(BreachKind.LOST, 9);
    }

    @Test
    void checkOverdue_callOlderThanTheLossTimeout_lostWhileLaterOnesAreNot() {
        final Schedule schedule = Schedule.build(new SplittableRandom(1), 10, Duration.ofSeconds(1).toNanos(),
            Arrivals.CONSTANT);
        final Ledger ten = new Ledger(schedule.size(), breaches);
        for (int id = 0; id < schedule.size(); id++) {
            ten.issue(id);
        }
        ten.executed(0);
        ten.record(0, Outcome.COMPLETED, Status.OK);
        // At 0.45 s with a 0.2 s timeout, calls 1 and 2 (intended at 0.1 s and 0.2 s) are overdue; 3 is not.
        final int lost = ten.checkOverdue(schedule, 0, schedule.size(), 450_000_000L, 200_000_000L);
        assertEquals(2, lost);
        assertEquals(1, breaches.first().id());
        assertEquals(2, breaches.breaches().get(1).id());
    }

    @Test
    void record_afterTheLiveLossCheck_lateStillLostReportedOnce() {
        final Schedule schedule = Schedule.build(new SplittableRandom(1), 10, Duration.ofSeconds(1).toNanos(),
            Arrivals.CONSTANT);
        final Ledger ten = new Ledger(schedule.size(), breaches);
        ten.issue(1);
        assertEquals(1, ten.checkOverdue(schedule, 0, 2, 450_000_000L, 200_000_000L));
        ten.executed(1);
        assertFalse(ten.record(1, Outcome.COMPLETED, Status.OK), "an answer after the verdict changes nothing");
        assertEquals(1, ten.lateOutcomes());
        final Ledger.Tally tally = ten.finish(2);
        assertEquals(1, tally.lost(), "lost, not completed");
        assertEquals(0L, tally.outcomes().get(Outcome.COMPLETED));
        assertEquals(1, breaches.breaches().size(), "one LOST breach, not one live and one at the end");
    }

    @Test
    void record_afterTheBooksClosed_lateAndStillLost() {
        ledger.issue(1);
        ledger.closeBooks();
        assertFalse(ledger.record(1, Outcome.INDETERMINATE, Status.CANCELLED));
        assertEquals(1, ledger.lateOutcomes());
        assertEquals(1, ledger.finish(10).lost());
    }

    @Test
    void statusCounts_outcomesOfSeveralStatuses_countedByName() {
        for (int id = 0; id < 3; id++) {
            ledger.issue(id);
        }
        ledger.record(0, Outcome.REFUSED, Status.SHUTTING_DOWN);
        ledger.record(1, Outcome.REFUSED, Status.SHUTTING_DOWN);
        ledger.record(2, Outcome.REFUSED, Status.INVALID_HANDLE);
        assertEquals(2L, ledger.statusCounts().get("SHUTTING_DOWN"));
        assertEquals(1L, ledger.statusCounts().get("INVALID_HANDLE"));
    }
}
