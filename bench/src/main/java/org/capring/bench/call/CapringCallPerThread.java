package org.capring.bench.call;

import org.capring.ring.call.DispatchMode;

/** One capring call: a new virtual thread per call (caller reaps). */
public class CapringCallPerThread extends CapringCallBench {
    @Override
    DispatchMode dispatch() {
        return DispatchMode.THREAD_PER_CALL;
    }
}
