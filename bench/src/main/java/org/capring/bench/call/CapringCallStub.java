package org.capring.bench.call;

import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;

/**
 * {@link CapringCall} through the generated Echo stub and skeleton instead of hand-built messages: same ring, same
 * configuration (endpoint loop, caller reaps), same work per call. Its score next to {@code CapringCall}'s in the
 * same run is the cost of the generated code.
 */
public class CapringCallStub extends CapringCallBench {
    @Override
    DispatchMode dispatch() {
        return DispatchMode.ENDPOINT_LOOP;
    }

    @Override
    CompletionMode completion() {
        return CompletionMode.CALLER_REAPS;
    }

    @Override
    long call(final EchoRig echo, final long value) {
        return echo.echoGenerated(value);
    }
}
