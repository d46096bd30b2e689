package org.capring.bench.call;

/**
 * {@link CapringCall} through the generated Echo stub and skeleton instead of hand-built messages: same ring, same
 * configuration (endpoint loop, caller reaps), same work per call. Its score next to {@code CapringCall}'s in the
 * same run is the cost of the generated code.
 */
public class CapringCallStub extends CapringCallBench {
    @Override
    long call(final EchoRig echo, final long value) {
        return echo.echoGenerated(value);
    }
}
