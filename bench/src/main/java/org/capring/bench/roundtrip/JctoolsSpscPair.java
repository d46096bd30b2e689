package org.capring.bench.roundtrip;

import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.capring.bench.EchoLoop;
import org.jctools.queues.SpscArrayQueue;
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
 * Round trip over a pair of JCTools {@link SpscArrayQueue}s: pooled request records out, pooled response
 * records back; both sides spin on {@code poll}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class JctoolsSpscPair extends RoundtripParams {
    private static final int POOL_MASK = 2 * BenchFlags.CAPACITY - 1;

    private SpscArrayQueue<Roundtrip.Request> requests;
    private SpscArrayQueue<Roundtrip.Response> responses;
    private final Roundtrip.Request[] requestPool = new Roundtrip.Request[POOL_MASK + 1];
    private EchoLoop echo;
    private long next;

    /** Answers requests from a pool of response records. */
    static final class Echo extends EchoLoop {
        private final SpscArrayQueue<Roundtrip.Request> requests;
        private final SpscArrayQueue<Roundtrip.Response> responses;
        private final Roundtrip.Response[] pool = new Roundtrip.Response[POOL_MASK + 1];
        private long sent;

        Echo(final SpscArrayQueue<Roundtrip.Request> requests, final SpscArrayQueue<Roundtrip.Response> responses) {
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
        requests = new SpscArrayQueue<>(BenchFlags.CAPACITY);
        responses = new SpscArrayQueue<>(BenchFlags.CAPACITY);
        for (int i = 0; i < requestPool.length; i++) {
            requestPool[i] = new Roundtrip.Request();
        }
        echo = new Echo(requests, responses);
        echo.start("jctools-echo", pause);
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
