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
 * The physical floor of a round trip: one long on its own cache lines, ping-ponged between two threads. The
 * benchmark thread writes an odd value, the echo thread answers with the next even one; one cache line crosses
 * the cores each way and nothing else happens.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class PaddedLongPingPong extends RoundtripParams {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Cell.class, "value", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** 128 bytes of padding on both sides of the value. */
    static class CellPadBefore {
        long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    }

    /** The ping-ponged value. */
    static class CellValue extends CellPadBefore {
        long value;
    }

    /** Padding after the value. */
    static final class Cell extends CellValue {
        long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
    }

    private final Cell cell = new Cell();
    private EchoLoop echo;
    private long next = 1;

    /** Answers each odd value with the next even value. */
    static final class Echo extends EchoLoop {
        private final Cell cell;

        Echo(final Cell cell) {
            this.cell = cell;
        }

        @Override
        protected boolean step() {
            final long v = (long) VALUE.getAcquire(cell);
            if ((v & 1) == 0) {
                return false;
            }
            VALUE.setRelease(cell, v + 1);
            return true;
        }
    }

    /** Starts the echo thread. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        echo = new Echo(cell);
        echo.start("floor-echo", pause);
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
        final long ping = next;
        next = ping + 2;
        VALUE.setRelease(cell, ping);
        long pong;
        while ((pong = (long) VALUE.getAcquire(cell)) != ping + 1) {
            idle();
        }
        return pong;
    }
}
