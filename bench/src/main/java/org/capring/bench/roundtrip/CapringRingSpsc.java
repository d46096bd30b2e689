package org.capring.bench.roundtrip;

import org.capring.ring.ProducerMode;
import org.capring.ring.WakeupMode;

/** capring round trip: single-producer CQ, both queues SIGNAL. */
public class CapringRingSpsc extends CapringRingBench {
    @Override
    ProducerMode cqProducers() {
        return ProducerMode.SINGLE;
    }

    @Override
    WakeupMode wakeup() {
        return WakeupMode.SIGNAL;
    }
}
