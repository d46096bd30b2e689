package org.capring.stress.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.capring.ring.call.Status;
import org.capring.stress.ledger.BreachKind;
import org.capring.stress.ledger.BreachLog;
import org.junit.jupiter.api.Test;

class RevocationsTest {
    private final BreachLog breaches = new BreachLog();
    private final Revocations revocations = new Revocations(4, breaches);

    @Test
    void check_invalidHandleSubmittedAfterTheRevocationBegan_fine() {
        revocations.began(1, 1_000);
        revocations.check(5, true, 1, Status.INVALID_HANDLE, false, 900, 1_100);
        assertFalse(breaches.tripped(), breaches.breaches().toString());
    }

    @Test
    void check_invalidHandleSubmittedBeforeTheRevocationBegan_earlyInvalidHandle() {
        revocations.began(1, 1_000);
        revocations.check(5, true, 1, Status.INVALID_HANDLE, false, 800, 900);
        assertEquals(BreachKind.EARLY_INVALID_HANDLE, breaches.first().kind());
        assertEquals(5, breaches.first().id());
    }

    @Test
    void check_invalidHandleOnAHandleNeverRevoked_earlyInvalidHandle() {
        revocations.check(6, true, 2, Status.INVALID_HANDLE, false, 800, 900);
        revocations.check(7, false, 0, Status.INVALID_HANDLE, false, 800, 900);
        assertEquals(2, breaches.total());
        assertEquals(BreachKind.EARLY_INVALID_HANDLE, breaches.breaches().get(1).kind());
    }

    @Test
    void check_ranAfterTheRevocationEnded_ranAfterRevocation() {
        revocations.began(1, 1_000);
        revocations.ended(1, 2_000);
        revocations.check(8, true, 1, Status.OK, true, 2_500, 2_600);
        assertEquals(BreachKind.RAN_AFTER_REVOCATION, breaches.first().kind());
    }

    @Test
    void check_ranWhileTheRevocationWasUnderWay_checkedWhenItEnds() {
        revocations.began(1, 1_000);
        revocations.check(9, true, 1, Status.OK, true, 2_500, 2_600);
        assertFalse(breaches.tripped(), "not decided before the revocation ended");
        revocations.ended(1, 2_000);
        assertEquals(BreachKind.RAN_AFTER_REVOCATION, breaches.first().kind());
        assertEquals(9, breaches.first().id());
    }

    @Test
    void check_ranBeforeTheRevocationEnded_fine() {
        revocations.began(1, 1_000);
        revocations.ended(1, 2_000);
        revocations.check(10, true, 1, Status.OK, true, 1_500, 1_600);
        assertFalse(breaches.tripped());
    }
}
