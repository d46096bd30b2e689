package org.capring.bench.service;

/**
 * One Echo call through the service container: generated stub, ring, binding, call context, no phases, generated
 * skeleton. {@link CapringBareCall} is the same call without the container, in the same run.
 */
public class CapringServiceCall extends ServiceCallBench {
    @Override
    Echoer open() {
        final ServiceRig rig = new ServiceRig();
        return new Echoer() {
            @Override
            public long echo(final long value) {
                return rig.echo(value);
            }

            @Override
            public void close() {
                rig.close();
            }
        };
    }
}
