package org.capring.bench.call;

import org.capring.ring.call.DispatchMode;

/** One capring call: handlers run on the server's reader (caller reaps). */
public class CapringCallInline extends CapringCallBench {
    @Override
    DispatchMode dispatch() {
        return DispatchMode.INLINE;
    }
}
