package org.capring.bench.throughput;

import org.capring.ring.WakeupMode;

/** capring SQ in {@link WakeupMode#POLL} mode: the consumer polls, so submit skips the fence. */
public class CapringSqPoll extends CapringSqBench {
    @Override
    WakeupMode wakeup() {
        return WakeupMode.POLL;
    }
}
