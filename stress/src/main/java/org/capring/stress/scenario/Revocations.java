package org.capring.stress.scenario;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;

import org.capring.ring.call.Status;
import org.capring.stress.ledger.BreachKind;
import org.capring.stress.ledger.BreachLog;

/**
 * The revocation law, checked per call: INVALID_HANDLE only for a call on a revoked Echo handle that was
 * submitted after its revocation began, and no call submitted after its handle's revocation ended ever runs.
 *
 * <p><b>Protocol.</b> The driver stamps an epoch's {@code began} before it starts the revocation and its
 * {@code ended} once it returns; a caller checks against what it reads. A refusal cannot come before its
 * revocation began, so {@code began} is always there for it. A call that ran and finds {@code began} but not yet
 * {@code ended} is queued and checked again by the driver right after it stamps {@code ended}.
 *
 * <p><b>Threads.</b> Callers check concurrently; one driver stamps.
 */
final class Revocations {
    private static final long UNSET = 0;
    private final AtomicLongArray began;
    private final AtomicLongArray ended;
    private final ConcurrentLinkedQueue<long[]> recheck = new ConcurrentLinkedQueue<>();
    private final BreachLog breaches;

    Revocations(final int epochs, final BreachLog breaches) {
        this.began = new AtomicLongArray(epochs + 2);
        this.ended = new AtomicLongArray(epochs + 2);
        this.breaches = breaches;
    }

    /** Driver: the revocation of {@code epoch} begins now. */
    void began(final int epoch, final long nanos) {
        began.set(epoch, nanos | 1); // never UNSET
    }

    /** Driver: the revocation of {@code epoch} has taken effect; checks the calls that waited for it. */
    void ended(final int epoch, final long nanos) {
        ended.set(epoch, nanos | 1);
        long[] call;
        while ((call = recheck.poll()) != null) {
            checkRan(call[0], (int) call[1], call[2]);
        }
    }

    /**
     * Caller: checks one ended call.
     *
     * @param id        the call
     * @param revocable whether it named the revocable Echo handle
     * @param epoch     the epoch of the handle it named
     * @param status    its status
     * @param ran       whether it completed or failed after dispatch
     * @param sendBegin when its submission began
     * @param sendEnd   when its submission returned
     */
    void check(final long id, final boolean revocable, final int epoch, final int status, final boolean ran,
               final long sendBegin, final long sendEnd) {
        if (status == Status.INVALID_HANDLE) {
            if (!revocable || epoch < 1 || epoch >= began.length()) {
                breaches.report(BreachKind.EARLY_INVALID_HANDLE, id, "INVALID_HANDLE on a handle that is never revoked");
                return;
            }
            final long b = began.get(epoch);
            if (b == UNSET || sendEnd - b < 0) {
                breaches.report(BreachKind.EARLY_INVALID_HANDLE, id, "INVALID_HANDLE for a call submitted "
                    + (b == UNSET ? "while its handle (epoch " + epoch + ") was not being revoked"
                    : (b - sendEnd) / 1000 + " µs before the revocation of epoch " + epoch + " began"));
            }
        } else if (ran && revocable && epoch >= 1 && epoch < began.length() && began.get(epoch) != UNSET) {
            if (ended.get(epoch) == UNSET) {
                final long[] call = {id, epoch, sendBegin};
                recheck.add(call);
                // The driver may have stamped the end and drained the queue between the read above and the add:
                // whoever takes the entry out (the driver's poll or this remove) checks it, exactly once.
                if (ended.get(epoch) != UNSET && recheck.remove(call)) {
                    checkRan(id, epoch, sendBegin);
                }
            } else {
                checkRan(id, epoch, sendBegin);
            }
        }
    }

    private void checkRan(final long id, final int epoch, final long sendBegin) {
        final long e = ended.get(epoch);
        if (sendBegin - e > 0) {
            breaches.report(BreachKind.RAN_AFTER_REVOCATION, id, "ran on the handle of epoch " + epoch + ", submitted "
                + (sendBegin - e) / 1000 + " µs after its revocation had taken effect");
        }
    }
}
