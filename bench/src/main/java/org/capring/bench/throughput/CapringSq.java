package org.capring.bench.throughput;

import org.capring.ring.WakeupMode;

/** capring SQ in its default {@link WakeupMode#SIGNAL} mode: every submit fences and checks NEED_WAKEUP. */
public class CapringSq extends CapringSqBench {
    @Override
    WakeupMode wakeup() {
        return WakeupMode.SIGNAL;
    }
}
