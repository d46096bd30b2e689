package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.capring.ring.SpinWait;
import org.capring.ring.concurrent.Scenarios;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's offer/park/close protocol ({@link Mailbox}) under Lincheck's model checker: the reader offers
 * calls and then retires the endpoint (closes its mailbox) while the endpoint loop takes calls until the mailbox
 * says it is done. Every interleaving must end with every offered call taken, and with no thread parked for good.
 *
 * <p>The same scenario run against the loop the mailbox replaced ({@link LegacyEndpointLoop}, kept here verbatim
 * in its protocol) must fail: the model checker finds the schedule in which the loop polls an empty queue, the
 * reader offers a call and retires the endpoint, and the loop then sees the retirement and leaves with the call
 * still queued; its caller would wait for good, its slot never freed, the server's in-flight count never zero.
 *
 * <p>{@code -Dcapring.lincheck.long=true} explores ten times as many interleavings.
 */
public class MailboxLincheckTest {
    private static final int INVOCATIONS = Boolean.getBoolean("capring.lincheck.long") ? 50_000 : 5_000;

    private final Mailbox<Integer> mailbox = new Mailbox<>(4);
    private int offered;
    private int taken;

    public void offerTwoThenClose() {
        for (int i = 0; i < 2; i++) {
            if (mailbox.offer(i)) {
                offered++;
            }
        }
        mailbox.close();
    }

    public void takeUntilClosed() {
        final SpinWait spin = new SpinWait(0);
        while (mailbox.take(spin) != null) {
            taken++;
        }
    }

    @Validate
    public void everyOfferTaken() {
        if (taken != offered) {
            throw new IllegalStateException("offered " + offered + ", taken " + taken + ": a call was stranded");
        }
    }

    /** Non-blocking stand-ins; results are not compared. */
    public static class Spec {
        public void offerTwoThenClose() {
        }

        public void takeUntilClosed() {
        }

        public void everyOfferTaken() {
        }

        public void offerThenRetire() {
        }

        public void run() {
        }
    }

    @Test
    void offerThenClose_modelChecked_everyCallTaken() {
        Scenarios.modelCheck(MailboxLincheckTest.class, Spec.class, INVOCATIONS, "everyOfferTaken",
            new String[] {"offerTwoThenClose"}, new String[] {"takeUntilClosed"});
    }

    @Test
    void legacyEndpointLoop_modelChecked_strandsACall() {
        final LincheckAssertionError failure = assertThrows(LincheckAssertionError.class, () ->
            Scenarios.modelCheck(LegacyEndpointLoop.class, Spec.class, INVOCATIONS, "everyOfferTaken",
                new String[] {"offerThenRetire"}, new String[] {"run"}));
        assertTrue(failure.getMessage().contains("a call was stranded"), failure::getMessage);
        System.out.println("The schedule that strands a call in the legacy endpoint loop:\n" + failure.getMessage());
    }

    @Test
    void take_closedAndEmpty_returnsNullAtOnce() {
        final Mailbox<String> box = new Mailbox<>(2);
        assertTrue(box.offer("a"));
        box.close();
        assertTrue(box.isClosed());
        final SpinWait spin = new SpinWait(0);
        assertEquals("a", box.take(spin), "what was offered before the close is still taken");
        assertNull(box.take(spin));
    }

    @Test
    void offer_full_refusedAndNothingLost() {
        final Mailbox<String> box = new Mailbox<>(2);
        assertTrue(box.offer("a"));
        assertTrue(box.offer("b"));
        assertFalse(box.offer("c"), "a full mailbox refuses");
        box.close();
        final SpinWait spin = new SpinWait(0);
        assertEquals("a", box.take(spin));
        assertEquals("b", box.take(spin));
        assertNull(box.take(spin));
    }

    @Test
    void take_interruptedWhileIdle_parksInsteadOfSpinning() throws InterruptedException {
        final Mailbox<String> box = new Mailbox<>(2);
        final String[] got = new String[1];
        final Thread consumer = Thread.ofPlatform().start(() -> got[0] = box.take(new SpinWait(0)));
        consumer.interrupt();
        // An interrupt left set would make every park return at once: the consumer would spin, never WAITING.
        final long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (consumer.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() - giveUp < 0, "the interrupted idle consumer never parked: "
                + consumer.getState());
            Thread.onSpinWait();
        }
        assertTrue(box.offer("work"));
        consumer.join();
        assertEquals("work", got[0], "an interrupt between calls does not end the wait empty-handed");
    }

    /**
     * The endpoint loop before {@link Mailbox}: after an empty poll it read the retirement flag and left. Kept
     * only to show that the model check finds its stranded call.
     */
    public static class LegacyEndpointLoop {
        private final OneToOneConcurrentArrayQueue<Integer> queue = new OneToOneConcurrentArrayQueue<>(4);
        private volatile boolean parked;
        private volatile boolean retiring;
        private volatile Thread thread;
        private int offered;
        private int taken;

        public void offerThenRetire() {
            if (queue.offer(1)) {
                offered++;
            }
            VarHandle.fullFence();
            if (parked) {
                LockSupport.unpark(thread);
            }
            retiring = true;
            LockSupport.unpark(thread);
        }

        public void run() {
            thread = Thread.currentThread();
            while (true) {
                final Integer call = queue.poll();
                if (call != null) {
                    taken++;
                    continue;
                }
                if (retiring) {
                    return;
                }
                parked = true;
                if (queue.isEmpty() && !retiring) {
                    Scenarios.park(this);
                }
                parked = false;
            }
        }

        @Validate
        public void everyOfferTaken() {
            if (taken != offered) {
                throw new IllegalStateException("offered " + offered + ", taken " + taken + ": a call was stranded");
            }
        }
    }
}
