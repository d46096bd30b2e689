package org.capring.bench.call;

import org.capring.ring.call.CompletionMode;

/** One capring call: endpoint loop, completions reaped by a dedicated virtual thread. */
public class CapringCallReaper extends CapringCallBench {
    @Override
    CompletionMode completion() {
        return CompletionMode.REAPER_THREAD;
    }
}
