package org.capring.bench.roundtrip;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.capring.bench.EchoLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Round trip over a pair of JDK {@link ArrayBlockingQueue}s with pooled records; both sides spin on the
 * non-blocking {@code offer}/{@code poll} (blocking {@code take} would add a park/unpark per hop).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class ArrayBlockingQueuePair extends RoundtripParams {
    private static final int POOL_MASK = 2 * BenchFlags.CAPACITY - 1;

    private ArrayBlockingQueue<Roundtrip.Request> requests;
    private ArrayBlockingQueue<Roundtrip.Response> responses;
    private final Roundtrip.Request[] requestPool = new Roundtrip.Request[POOL_MASK + 1];
    private EchoLoop echo;
    private long next;

    /** Answers requests from a pool of response records. */
    static final class Echo extends EchoLoop {
        private final ArrayBlockingQueue<Roundtrip.Request> requests;
        private final ArrayBlockingQueue<Roundtrip.Response> responses;
        private final Roundtrip.Response[] pool = new Roundtrip.Response[POOL_MASK + 1];
        private long sent;

        Echo(final ArrayBlockingQueue<Roundtrip.Request> requests,
             final ArrayBlockingQueue<Roundtrip.Response> responses) {
            this.requests = requests;
            this.responses = responses;
            for (int i = 0; i < pool.length; i++) {
                pool[i] = new Roundtrip.Response();
            }
        }

        @Override
        protected boolean step() {
            final Roundtrip.Request request = requests.poll();
            if (request == null) {
                return false;
            }
            final Roundtrip.Response response = pool[(int) sent++ & POOL_MASK];
            response.userData = request.w3;
            response.status = 0;
            response.length = (int) request.w6;
            while (!responses.offer(response)) {
                idle();
            }
            return true;
        }
    }

    /** Allocates queues and pools and starts the echo thread. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        requests = new ArrayBlockingQueue<>(BenchFlags.CAPACITY);
        responses = new ArrayBlockingQueue<>(BenchFlags.CAPACITY);
        for (int i = 0; i < requestPool.length; i++) {
            requestPool[i] = new Roundtrip.Request();
        }
        echo = new Echo(requests, responses);
        echo.start("abq-echo", pause);
    }

    /**
     * Stops the echo thread.
     *
     * @throws InterruptedException if interrupted while joining it
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        echo.stop();
    }

    /** @return the echoed userData */
    @Benchmark
    public long roundTrip() {
        final long v = next++;
        final Roundtrip.Request request = requestPool[(int) v & POOL_MASK].fill(v);
        while (!requests.offer(request)) {
            idle();
        }
        Roundtrip.Response response;
        while ((response = responses.poll()) == null) {
            idle();
        }
        return response.userData;
    }
}
