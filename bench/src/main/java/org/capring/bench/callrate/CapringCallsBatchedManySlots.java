package org.capring.bench.callrate;

import org.capring.bench.call.EchoRig;

/**
 * {@link CapringCallsBatched} on a ring with {@value #SLOTS} call slots instead of {@value EchoRig#SLOTS}: how much
 * of the rate at many callers is the wait for a free slot (a park and a wake-up per batch once callers outnumber
 * the slots).
 */
public class CapringCallsBatchedManySlots extends CapringCallsBatched {
    /** Call slots of the ring. */
    public static final int SLOTS = 4096;

    @Override
    int slots() {
        return SLOTS;
    }
}
