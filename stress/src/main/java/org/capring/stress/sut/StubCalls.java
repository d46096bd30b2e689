package org.capring.stress.sut;

import org.capring.ring.call.Call;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.capring.schema.kv.KvProtocol.KeyValue;

/**
 * The load's operations through the generated stubs, the same on every system: build the params in the call's
 * slot, submit (what the stub's {@code send()} does), hold the caller while reaping is paused, then collect the
 * answer with the stub's {@code await()} (typed errors and all) and trace it. Each method closes the call it is given.
 *
 * <p>Thread-safe: one per system, any number of callers.
 */
final class StubCalls {
    private final ReapGate reaping;

    /** @param reaping the gate that holds callers between submit and answer while reaping is paused */
    StubCalls(final ReapGate reaping) {
        this.reaping = reaping;
    }

    void echo(final Echo.Client.EchoCall call, final long id, final int handleEpoch, final CallTrace trace)
        throws InterruptedException {
        try (call) {
            call.params().setValue(id);
            submit(call.call(), handleEpoch, trace);
            trace.completed(call.await().getValue());
        }
    }

    void put(final KeyValue.Client.PutCall call, final long id, final CallTrace trace) throws InterruptedException {
        try (call) {
            call.params().setKey(HarnessKeyValue.key(id));
            call.params().setValue(HarnessKeyValue.idBytes(id));
            submit(call.call(), 0, trace);
            call.await();
            trace.completed(id);
        }
    }

    void get(final KeyValue.Client.GetCall call, final long id, final CallTrace trace) throws InterruptedException {
        try (call) {
            call.params().setKey(HarnessKeyValue.key(id));
            submit(call.call(), 0, trace);
            call.await();
            trace.completed(id);
        }
    }

    private void submit(final Call call, final int handleEpoch, final CallTrace trace) throws InterruptedException {
        trace.sending(handleEpoch);
        call.send();
        trace.sent();
        reaping.pass();
    }
}
