package org.capring.bench.service;

import org.capring.bench.call.EchoRig;
import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;

/**
 * The baseline of {@link CapringServiceCall}: the same Echo call through the generated stub and skeleton on a bare
 * {@code RingServer}, with the same ring, dispatch, completion and spin, no container. The capability is declared
 * blocking, as every capability of a service is, so both run the handler on the endpoint loop.
 */
public class CapringBareCall extends ServiceCallBench {
    @Override
    Echoer open() {
        final EchoRig rig = new EchoRig(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS, EchoRig.SPIN_ROUNDS,
            false);
        return new Echoer() {
            @Override
            public long echo(final long value) {
                return rig.echoGenerated(value);
            }

            @Override
            public void close() {
                rig.close();
            }
        };
    }
}
