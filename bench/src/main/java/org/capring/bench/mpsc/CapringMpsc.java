package org.capring.bench.mpsc;

import org.capring.ring.WakeupMode;

/** capring multi-producer SQ, {@link WakeupMode#SIGNAL} (the default; submit fences and checks NEED_WAKEUP). */
public class CapringMpsc extends CapringMpscBench {
    @Override
    WakeupMode wakeup() {
        return WakeupMode.SIGNAL;
    }
}
