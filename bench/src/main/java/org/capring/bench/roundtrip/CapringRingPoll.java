package org.capring.bench.roundtrip;

import org.capring.ring.ProducerMode;
import org.capring.ring.WakeupMode;

/** capring round trip: single-producer CQ, both queues POLL (no wake-up fence). */
public class CapringRingPoll extends CapringRingBench {
    @Override
    ProducerMode cqProducers() {
        return ProducerMode.SINGLE;
    }

    @Override
    WakeupMode wakeup() {
        return WakeupMode.POLL;
    }
}
