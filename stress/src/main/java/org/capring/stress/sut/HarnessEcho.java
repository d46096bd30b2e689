package org.capring.stress.sut;

import org.capring.ring.call.ServerCall;
import org.capring.schema.echo.EchoProtocol.Echo;

/**
 * Echo's handler in every system under test: runs the harness's {@link ServerWork} for the call id it is given
 * (none for a readiness probe, whose value is {@value #PROBE_VALUE}), then echoes the id. Thread-safe.
 *
 * @param work the harness's part of the handler
 */
record HarnessEcho(ServerWork work) implements Echo.Server {
    /** The value a readiness probe sends: never a call id. */
    static final long PROBE_VALUE = -1;

    @Override
    public void echo(final Echo.EchoParams.Reader params, final Echo.EchoResults.Builder results,
                     final ServerCall call) throws InterruptedException {
        final long id = params.getValue();
        if (id != PROBE_VALUE) {
            work.execute(id);
        }
        results.setValue(id);
    }
}
