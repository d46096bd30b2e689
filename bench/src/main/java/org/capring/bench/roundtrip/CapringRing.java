package org.capring.bench.roundtrip;

import org.capring.ring.ProducerMode;
import org.capring.ring.WakeupMode;

/** capring round trip: the layout the call runtime uses (CQ multi-producer, both queues SIGNAL). */
public class CapringRing extends CapringRingBench {
    @Override
    ProducerMode cqProducers() {
        return ProducerMode.MULTI;
    }

    @Override
    WakeupMode wakeup() {
        return WakeupMode.SIGNAL;
    }
}
