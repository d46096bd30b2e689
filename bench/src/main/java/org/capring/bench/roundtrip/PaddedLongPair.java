package org.capring.bench.roundtrip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * The floor of any request/response pair of queues: two padded longs on separate cache lines, a request line
 * written by the benchmark thread and a response line written by the echo thread. A ring whose SQ and CQ are
 * separate regions moves (at least) these two lines per round trip, where {@link PaddedLongPingPong} moves one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class PaddedLongPair extends RoundtripParams {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedLongPingPong.CellValue.class, "value", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PaddedLongPingPong.Cell request = new PaddedLongPingPong.Cell();
    private final PaddedLongPingPong.Cell response = new PaddedLongPingPong.Cell();
    private EchoLoop echo;
    private long next;

    /** Copies each new request value to the response line. */
    static final class Echo extends EchoLoop {
        private final PaddedLongPingPong.Cell request;
        private final PaddedLongPingPong.Cell response;
        private long answered;

        Echo(final PaddedLongPingPong.Cell request, final PaddedLongPingPong.Cell response) {
            this.request = request;
            this.response = response;
        }

        @Override
        protected boolean step() {
            final long v = (long) VALUE.getAcquire(request);
            if (v == answered) {
                return false;
            }
            answered = v;
            VALUE.setRelease(response, v);
            return true;
        }
    }

    /** Starts the echo thread. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        echo = new Echo(request, response);
        echo.start("pair-floor-echo", pause);
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

    /** @return the answer */
    @Benchmark
    public long roundTrip() {
        final long ping = ++next;
        VALUE.setRelease(request, ping);
        long pong;
        while ((pong = (long) VALUE.getAcquire(response)) != ping) {
            idle();
        }
        return pong;
    }
}
