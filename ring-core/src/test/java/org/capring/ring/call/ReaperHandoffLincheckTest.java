package org.capring.ring.call;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.agrona.concurrent.IdleStrategy;
import org.capring.ring.concurrent.Doorbell;
import org.capring.ring.concurrent.Scenarios;
import org.capring.ring.concurrent.VirtualThreads;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * The caller-reaper hand-off ({@link ReaperRole}, {@link Completions.CallerReaps}, the slots' doorbells) under
 * Lincheck's model checker. Two callers each await their own call; a server completes both, in either order.
 * Whichever caller takes the reaper role reaps for both and, when its own call is done, gives the role up and
 * wakes the other, who must then reap its own completion (or find it done). A lost hand-off shows as an
 * interleaving in which a caller stays parked for good while nobody reaps. The CQ is simulated (two completion
 * flags and its own doorbell); the role, the followers stack, the slot doorbells and the await loop are the
 * client's own code.
 *
 * <p>{@code -Dcapring.lincheck.long=true} explores ten times as many interleavings.
 */
public class ReaperHandoffLincheckTest {
    private static final int INVOCATIONS = Boolean.getBoolean("capring.lincheck.long") ? 30_000 : 3_000;

    private final CallSlot[] slots = {new CallSlot(null, 0, null, null, null), new CallSlot(null, 1, null, null, null)};
    private final Call[] calls = new Call[2];
    private final ReaperRole role = new ReaperRole(slots, () -> { });
    private final AtomicIntegerArray posted = new AtomicIntegerArray(2);
    /** Completions already reaped; touched only by the role holder. */
    private final boolean[] reaped = new boolean[2];
    private final Doorbell cqBell = new Doorbell();
    private final Completions completions;

    public ReaperHandoffLincheckTest() {
        for (int i = 0; i < 2; i++) {
            final int generation = slots[i].acquire(1, 1, 0, 0);
            slots[i].cas(generation, CallSlot.BUILDING, CallSlot.SENT);
            calls[i] = new Call(slots[i], generation);
        }
        completions = new Completions.CallerReaps(new SimulatedCq(), ClientConfig.defaults().withSpinRounds(0), role,
            new VirtualThreads("model", null));
    }

    /** The client's side of the simulated CQ. */
    private final class SimulatedCq implements Completions.Source {
        @Override
        public int reap() {
            int taken = 0;
            for (int i = 0; i < 2; i++) {
                if (!reaped[i] && posted.get(i) == 1) {
                    reaped[i] = true;
                    taken++;
                    if (calls[i].slot.cas(calls[i].generation, CallSlot.SENT, CallSlot.DONE)) {
                        calls[i].slot.bell.ringFenced();
                    }
                }
            }
            return taken;
        }

        @Override
        public void parkOnCompletions(final long maxNanos) {
            cqBell.arm();
            try {
                if (!anythingToReap()) {
                    cqBell.park(maxNanos);
                }
            } finally {
                cqBell.disarm();
            }
        }

        private boolean anythingToReap() {
            for (int i = 0; i < 2; i++) {
                if (!reaped[i] && posted.get(i) == 1) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public IdleStrategy reaperIdle() {
            throw new UnsupportedOperationException("callers reap in this model");
        }

        @Override
        public void abandonIfDue(final CallSlot slot, final int generation, final long deadline) {
            // No deadlines and no interrupts in this model.
        }

        @Override
        public int abandonedCalls() {
            return 0;
        }
    }

    public void await0() {
        completions.await(calls[0].slot, calls[0].generation);
    }

    public void await1() {
        completions.await(calls[1].slot, calls[1].generation);
    }

    public void complete0() {
        posted.set(0, 1);
        cqBell.ring();
    }

    public void complete1() {
        posted.set(1, 1);
        cqBell.ring();
    }

    @Validate
    public void bothDone() {
        for (int i = 0; i < 2; i++) {
            if (calls[i].state() != CallSlot.DONE) {
                throw new IllegalStateException("call " + i + " is not done");
            }
        }
        if (role.isHeld()) {
            throw new IllegalStateException("the reaper role is still held after both callers left");
        }
    }

    /** Non-blocking stand-ins; results are not compared. */
    public static class Spec {
        public void await0() {
        }

        public void await1() {
        }

        public void complete0() {
        }

        public void complete1() {
        }

        public void bothDone() {
        }
    }

    @Test
    void twoCallersOneServer_modelChecked_noHandOffLost() {
        Scenarios.modelCheck(getClass(), Spec.class, INVOCATIONS, "bothDone",
            new String[] {"await0"}, new String[] {"await1"}, new String[] {"complete0", "complete1"});
    }

    @Test
    void completionsInReverseOrder_modelChecked_noHandOffLost() {
        Scenarios.modelCheck(getClass(), Spec.class, INVOCATIONS, "bothDone",
            new String[] {"await0"}, new String[] {"await1"}, new String[] {"complete1", "complete0"});
    }

    @Test
    void completionsFromTwoServerThreads_modelChecked_noHandOffLost() {
        Scenarios.modelCheck(getClass(), Spec.class, INVOCATIONS, "bothDone",
            new String[] {"await0", }, new String[] {"await1"}, new String[] {"complete0"}, new String[] {"complete1"});
    }
}
