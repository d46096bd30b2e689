package org.capring.bench.call;

import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;

/** One capring call: the default configuration (endpoint loop, caller reaps). */
public class CapringCall extends CapringCallBench {
    @Override
    DispatchMode dispatch() {
        return DispatchMode.ENDPOINT_LOOP;
    }

    @Override
    CompletionMode completion() {
        return CompletionMode.CALLER_REAPS;
    }
}
