package org.capring.ring.concurrent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * The {@link Doorbell} handshake under Lincheck's model checker: a waiter that arms, re-checks and parks until it
 * has seen every event, against signallers that publish an event and ring. A lost wake-up shows as an
 * interleaving in which the waiter stays parked for good ("the execution has hung"). Two shapes: two signallers
 * racing for one waiter, and the waiting role passing from one thread to the next between events (the shape of
 * the caller-reaper hand-off, where a ring aimed at the previous waiter must not be lost for the next). The
 * NEED_WAKEUP protocol the doorbell replaced fails the second shape ({@link LegacyNeedWakeup}).
 *
 * <p>{@code -Dcapring.lincheck.long=true} explores ten times as many interleavings.
 */
public class DoorbellLincheckTest {
    private static final int INVOCATIONS = Boolean.getBoolean("capring.lincheck.long") ? 50_000 : 5_000;

    private final Doorbell bell = new Doorbell();
    private final AtomicInteger events = new AtomicInteger();
    /** How many events the waiting role has consumed so far; the role passes from thread to thread at 1. */
    private final AtomicInteger seen = new AtomicInteger();

    /** Waits (arm, re-check, park) until {@code events} reaches {@code target}, then records it. */
    private void awaitEvents(final int target) {
        while (events.get() < target) {
            bell.arm();
            try {
                if (events.get() < target) {
                    bell.park(0);
                }
            } finally {
                bell.disarm();
            }
        }
        seen.set(target);
    }

    public void waitForTwo() {
        awaitEvents(2);
    }

    public void publish() {
        events.incrementAndGet();
        bell.ring();
    }

    public void firstWaiter() {
        awaitEvents(1);
    }

    /** The second waiter takes the role only after the first has left it (the hand-off). */
    public void secondWaiter() {
        while (seen.get() < 1) {
            Thread.yield();
        }
        awaitEvents(2);
    }

    @Validate
    public void bothSeen() {
        if (seen.get() != 2) {
            throw new IllegalStateException("waiters saw " + seen.get() + " of 2 events");
        }
    }

    /** Non-blocking stand-ins for the operations; results are not compared. */
    public static class Spec {
        public void waitForTwo() {
        }

        public void publish() {
        }

        public void firstWaiter() {
        }

        public void secondWaiter() {
        }

        public void bothSeen() {
        }
    }

    @Test
    void twoSignallersOneWaiter_modelChecked_noWakeupLost() {
        Scenarios.modelCheck(getClass(), Spec.class, INVOCATIONS, "bothSeen",
            new String[] {"waitForTwo"}, new String[] {"publish"}, new String[] {"publish"});
    }

    @Test
    void waitingRolePassesBetweenThreads_modelChecked_noWakeupLost() {
        Scenarios.modelCheck(getClass(), Spec.class, INVOCATIONS, "bothSeen",
            new String[] {"firstWaiter"}, new String[] {"secondWaiter"}, new String[] {"publish", "publish"});
    }

    /**
     * The NEED_WAKEUP protocol before {@link Doorbell}: the waiter stores its thread, then raises a flag; a
     * signaller reads the flag, then the waiter, then clears the flag by CAS and unparks the thread it read. With
     * the waiting role passing between threads the signaller may read the previous waiter and unpark it while
     * clearing the new one's flag (an ABA on the waiter). Kept to test whether that loses a wake-up.
     */
    public static class LegacyNeedWakeup {
        private final java.util.concurrent.atomic.AtomicInteger flag = new java.util.concurrent.atomic.AtomicInteger();
        private volatile Thread waiter;
        private final AtomicInteger events = new AtomicInteger();
        private final AtomicInteger seen = new AtomicInteger();

        private void awaitEvents(final int target) {
            while (events.get() < target) {
                waiter = Thread.currentThread();
                flag.set(1);
                try {
                    if (events.get() < target) {
                        Scenarios.park(this);
                    }
                } finally {
                    flag.lazySet(0);
                }
            }
            seen.set(target);
        }

        public void firstWaiter() {
            awaitEvents(1);
        }

        public void secondWaiter() {
            while (seen.get() < 1) {
                Thread.yield();
            }
            awaitEvents(2);
        }

        public void publish() {
            events.incrementAndGet();
            java.lang.invoke.VarHandle.fullFence();
            if (flag.get() != 0) {
                final Thread t = waiter;
                if (t != null && flag.compareAndSet(1, 0)) {
                    java.util.concurrent.locks.LockSupport.unpark(t);
                }
            }
        }

        @Validate
        public void bothSeen() {
            if (seen.get() != 2) {
                throw new IllegalStateException("waiters saw " + seen.get() + " of 2 events");
            }
        }
    }

    /**
     * The ABA on the waiter loses a wake-up, and the model checker finds the schedule: the signaller of the first
     * event reads the flag and the first waiter; the first waiter sees the event in its re-check and leaves; the
     * second waiter raises the flag, re-checks (one event: not enough) and parks; the first signaller's CAS now
     * clears the second waiter's flag and unparks the first waiter; the second event's signaller finds the flag
     * down and wakes nobody. The second waiter sleeps for good.
     */
    @Test
    void legacyNeedWakeup_waitingRolePasses_modelChecked_losesAWakeup() {
        final LincheckAssertionError failure = assertThrows(LincheckAssertionError.class, () ->
            Scenarios.modelCheck(LegacyNeedWakeup.class, Spec.class, INVOCATIONS, "bothSeen",
                new String[] {"firstWaiter"}, new String[] {"secondWaiter"}, new String[] {"publish", "publish"}));
        assertTrue(failure.getMessage().contains("hung"), failure::getMessage);
        System.out.println("The schedule that loses a wake-up in the legacy NEED_WAKEUP protocol:\n"
            + failure.getMessage());
    }

    @Test
    void ring_armedWaiter_takenOnceAndUnparked() {
        final Doorbell doorbell = new Doorbell();
        assertFalse(doorbell.ring(), "nobody armed: nothing to wake");
        doorbell.arm();
        assertTrue(doorbell.isArmed());
        assertTrue(doorbell.ring(), "the armed waiter is taken and unparked");
        assertFalse(doorbell.isArmed(), "a ring takes the waiter out of the doorbell");
        assertFalse(doorbell.ringFenced(), "a second ring finds nobody");
        doorbell.park(0); // returns at once: the ring left this thread a permit
        doorbell.disarm(); // harmless after the ring took the announcement
        assertFalse(doorbell.isArmed());
    }

    @Test
    void disarm_withoutRing_withdrawsOnlyOwnAnnouncement() throws InterruptedException {
        final Doorbell doorbell = new Doorbell();
        doorbell.arm();
        final Thread other = Thread.ofVirtual().start(doorbell::disarm);
        other.join();
        assertTrue(doorbell.isArmed(), "another thread's disarm leaves this thread's announcement");
        doorbell.disarm();
        assertFalse(doorbell.isArmed());
    }
}
