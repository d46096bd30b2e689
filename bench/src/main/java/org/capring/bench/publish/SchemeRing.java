package org.capring.bench.publish;

import java.util.concurrent.TimeUnit;

import org.agrona.UnsafeApi;
import org.capring.bench.BenchFlags;
import org.capring.bench.EchoLoop;
import org.capring.bench.PollingStyle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The round trip of {@code roundtrip.CapringRingSpsc} (a 64-byte request with seven payload words out, a 32-byte
 * response with three words back, one in flight) over two {@link SchemeQueue}s publishing by the same {@link Scheme}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class SchemeRing extends PollingStyle {
    /** The publication scheme of both queues. */
    @Param({"SEQ_LAST", "SEQ_FIRST", "AGRONA_ORDER", "SEQ_LAST_COPY", "SEQ_LAST_BACKOFF", "TAIL", "COMMIT_ARRAY"})
    public String scheme;

    private SchemeQueue.Producer sq;
    private SchemeQueue.Consumer cq;
    private Echo echo;

    /** Answers each request with a response. */
    static final class Echo extends EchoLoop {
        private final SchemeQueue.Consumer sq;
        private final SchemeQueue.Producer cq;

        Echo(final SchemeQueue.Consumer sq, final SchemeQueue.Producer cq) {
            this.sq = sq;
            this.cq = cq;
        }

        @Override
        protected boolean step() {
            final SchemeQueue.Consumer sq = this.sq;
            final SchemeQueue.Producer cq = this.cq;
            if (sq.available(1) == 0) {
                return false;
            }
            final long request = sq.payload(0);
            final long userData = UnsafeApi.getLong(null, request + 24);
            final long length = UnsafeApi.getLong(null, request + 48);
            while (!cq.claim(1)) {
                idle();
            }
            final long response = cq.payload(0);
            UnsafeApi.putLong(null, response, userData);
            UnsafeApi.putLong(null, response + 8, 0);
            UnsafeApi.putLong(null, response + 16, length << 32);
            cq.filled(0, 24);
            cq.publish();
            sq.release(1);
            return true;
        }
    }

    /** Allocates both queues and starts the echo thread. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        final Scheme s = Scheme.valueOf(scheme);
        final SchemeQueue requests = new SchemeQueue(s, BenchFlags.CAPACITY, 64);
        final SchemeQueue responses = new SchemeQueue(s, 2 * BenchFlags.CAPACITY, 32);
        sq = requests.producer();
        cq = responses.consumer();
        echo = new Echo(requests.consumer(), responses.producer());
        echo.start("scheme-echo", pause);
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
        final SchemeQueue.Producer sq = this.sq;
        final long v = sq.next++;
        while (!sq.claim(1)) {
            idle();
        }
        SchemeSq.fill(sq.payload(0), v);
        sq.filled(0, 56);
        sq.publish();
        final SchemeQueue.Consumer cq = this.cq;
        while (cq.available(1) == 0) {
            idle();
        }
        final long userData = UnsafeApi.getLong(null, cq.payload(0));
        cq.release(1);
        return userData;
    }
}
