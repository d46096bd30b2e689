package org.capring.bench.call;

import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;

/** One capring call: endpoint loop, completions reaped by a dedicated virtual thread. */
public class CapringCallReaper extends CapringCallBench {
    @Override
    DispatchMode dispatch() {
        return DispatchMode.ENDPOINT_LOOP;
    }

    @Override
    CompletionMode completion() {
        return CompletionMode.REAPER_THREAD;
    }
}
