package org.capring.stress.scenario;

import java.util.concurrent.locks.LockSupport;

import org.capring.stress.ledger.Ledger;
import org.capring.stress.sut.ServerWork;

/**
 * The harness's part of every handler: count the execution in the ledger, work for the service time, or, for a
 * call the plan marks hung,
 * wait until the handler's thread is interrupted (the drain cancelling it) or the hang bound passes; during a
 * calibration stall, wait until the stall ends.
 *
 * <p><b>Threads.</b> Thread-safe; called on the handler threads. Waits park until an absolute instant (no sleeps).
 */
final class HarnessWork implements ServerWork {
    private final Ledger ledger;
    private final Plan plan;
    private final long hangBoundNanos;
    private final long serviceNanos;
    /** The calibration stall, set once the schedule's origin is known (after the system started); none before. */
    private volatile long stallFrom;
    private volatile long stallUntil;

    /**
     * @param ledger         where executions are counted
     * @param plan           which calls hang
     * @param hangBoundNanos longest a hung call waits for its cancellation
     * @param serviceNanos   how long every call works before it answers
     */
    HarnessWork(final Ledger ledger, final Plan plan, final long hangBoundNanos, final long serviceNanos) {
        this.ledger = ledger;
        this.plan = plan;
        this.hangBoundNanos = hangBoundNanos;
        this.serviceNanos = serviceNanos;
    }

    /**
     * @param from  start of the calibration stall on the {@link System#nanoTime()} clock
     * @param until its end; equal to {@code from} for none
     */
    void stall(final long from, final long until) {
        stallUntil = until;
        stallFrom = from;
    }

    @Override
    public void execute(final long id) throws InterruptedException {
        ledger.executed(id);
        final long now = System.nanoTime();
        final long from = stallFrom;
        final long until = stallUntil;
        if (now - from >= 0 && now - until < 0) {
            parkUntil(until);
        }
        if (plan.hung(id)) {
            parkUntil(now + hangBoundNanos);
        } else if (serviceNanos > 0) {
            parkUntil(now + serviceNanos);
        }
    }

    /** Parks until the instant, or throws once the thread is interrupted. */
    private static void parkUntil(final long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException("cancelled while waiting");
            }
            LockSupport.parkNanos(left);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("cancelled while waiting");
        }
    }
}
