package org.capring.bench.mpsc;

import org.capring.ring.WakeupMode;

/** capring multi-producer SQ, {@link WakeupMode#POLL} (submit skips the fence). */
public class CapringMpscPoll extends CapringMpscBench {
    @Override
    WakeupMode wakeup() {
        return WakeupMode.POLL;
    }
}
