package org.capring.bench.call;

import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingLayout;
import org.capring.ring.call.Call;
import org.capring.ring.call.CapSet;
import org.capring.ring.call.Capability;
import org.capring.ring.call.ClientConfig;
import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;
import org.capring.ring.call.RingClient;
import org.capring.ring.call.RingServer;
import org.capring.ring.call.ServerConfig;
import org.capring.schema.echo.EchoProtocol.Echo;

/**
 * A ring with two Echo capabilities behind a {@link RingServer} and a {@link RingClient}: the setup every capring
 * call benchmark shares. One capability is served by a hand-written handler and called with hand-built messages
 * ({@link #echo}, {@link #echoBatch}); the other is the generated skeleton, called through the generated stub
 * ({@link #echoGenerated}). Both do the same work on the same ring, so a run can set them side by side.
 */
public final class EchoRig implements AutoCloseable {
    /** Call slots of the rig's ring. */
    public static final int SLOTS = 256;
    /**
     * Spin rounds of the server's loops and the client's reaper before they park, in every rig unless a subject
     * asks otherwise: the runtime's default.
     */
    public static final int SPIN_ROUNDS = ServerConfig.DEFAULT_SPIN_ROUNDS;

    private final Ring ring;
    private final RingServer server;
    private final RingClient client;
    private final int handle;
    private final Echo.Client generated;

    /**
     * @param dispatch   server dispatch mode
     * @param completion client completion mode
     */
    public EchoRig(final DispatchMode dispatch, final CompletionMode completion) {
        this(dispatch, completion, SPIN_ROUNDS);
    }

    /**
     * @param dispatch   server dispatch mode
     * @param completion client completion mode
     * @param spinRounds spin rounds of the server's loops and the client's reaper before they park
     */
    public EchoRig(final DispatchMode dispatch, final CompletionMode completion, final int spinRounds) {
        this(dispatch, completion, spinRounds, true);
    }

    /**
     * @param dispatch    server dispatch mode
     * @param completion  client completion mode
     * @param spinRounds  spin rounds of the server's loops and the client's reaper before they park
     * @param nonBlocking declare the echo capabilities {@link Capability#nonBlocking() non-blocking} (they are): an
     *                    endpoint-loop server then runs a call on its reader when the capability is idle
     */
    public EchoRig(final DispatchMode dispatch, final CompletionMode completion, final int spinRounds,
                   final boolean nonBlocking) {
        this(dispatch, completion, spinRounds, nonBlocking, SLOTS);
    }

    /**
     * @param dispatch    server dispatch mode
     * @param completion  client completion mode
     * @param spinRounds  spin rounds of the server's loops and the client's reaper before they park
     * @param nonBlocking declare the echo capabilities {@link Capability#nonBlocking() non-blocking}
     * @param slots       call slots of the ring (callers beyond them wait for a slot)
     */
    public EchoRig(final DispatchMode dispatch, final CompletionMode completion, final int spinRounds,
                   final boolean nonBlocking, final int slots) {
        // At least one SQ entry per slot (and the CQ's default of twice the SQ): a ring of many slots waits for
        // slots only, never for a full queue.
        ring = Ring.allocate(RingLayout.builder().sqCapacity(Math.max(1024, Integer.highestOneBit(slots - 1) << 1))
            .sqProducers(ProducerMode.MULTI).slots(slots, 256, 256).build());
        final CapSet caps = new CapSet(16);
        final Capability echo = new Capability("echo", Echo.TYPE_ID, 1, call -> {
            final long value = call.params(Echo.EchoParams.factory).getValue();
            call.initResult(Echo.EchoResults.factory).setValue(value);
        });
        handle = caps.grant(nonBlocking ? echo.asNonBlocking() : echo);
        final Capability generatedEcho = Echo.capability("echo-generated",
            (params, results, call) -> results.setValue(params.getValue()));
        final int generatedHandle = caps.grant(nonBlocking ? generatedEcho.asNonBlocking() : generatedEcho);
        server = RingServer.start(ring, caps,
            ServerConfig.defaults().withDispatch(dispatch).withSpinRounds(spinRounds));
        client = RingClient.open(ring, ClientConfig.defaults().withCompletion(completion).withSpinRounds(spinRounds));
        generated = new Echo.Client(client, generatedHandle);
    }

    /**
     * One typed call with hand-built messages: build params in the slot, send, wait, read the result in the slot.
     *
     * @param value value to echo
     * @return the echoed value
     */
    public long echo(final long value) {
        try (Call call = client.newCall(handle, Echo.TYPE_ID, Echo.METHOD_ECHO)) {
            call.initParams(Echo.EchoParams.factory).setValue(value);
            call.invoke();
            return call.result(Echo.EchoResults.factory).getValue();
        }
    }

    /**
     * The same call as {@link #echo} through the generated stub and skeleton: the stub builds the params in the slot,
     * marks the call idempotent (as the schema declares), and reads the result in place; the skeleton dispatches the
     * method id to a typed handler.
     *
     * @param value value to echo
     * @return the echoed value
     */
    public long echoGenerated(final long value) {
        try (Echo.Client.EchoCall call = generated.echo()) {
            call.params().setValue(value);
            return call.invoke().getValue();
        }
    }

    /**
     * {@code count} calls sent in one SQ batch, then awaited.
     *
     * @param batch scratch array of at least {@code count} entries
     * @param count calls in the batch
     * @param first value of the first call; call i echoes first + i
     * @return the sum of the echoed values
     */
    public long echoBatch(final Call[] batch, final int count, final long first) {
        client.newCalls(batch, count, handle, Echo.TYPE_ID, Echo.METHOD_ECHO);
        for (int i = 0; i < count; i++) {
            batch[i].initParams(Echo.EchoParams.factory).setValue(first + i);
        }
        if (count == batch.length) {
            client.sendAll(batch);
        } else {
            for (int i = 0; i < count; i++) {
                batch[i].send();
            }
        }
        long sum = 0;
        for (int i = 0; i < count; i++) {
            try (Call call = batch[i]) {
                call.await();
                sum += call.result(Echo.EchoResults.factory).getValue();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        client.close();
        server.close();
        ring.close();
    }
}
