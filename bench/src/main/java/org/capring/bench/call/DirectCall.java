package org.capring.bench.call;

import org.openjdk.jmh.annotations.CompilerControl;
import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
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

/** The same echo as a plain method call (not inlined): what a call costs with no hand-off at all. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR})
public class DirectCall {
    private long next;

    /** Nothing to start. */
    @Setup(Level.Trial)
    public void setUp() {
        next = 0;
    }

    /** Nothing to stop. */
    @TearDown(Level.Trial)
    public void tearDown() {
        next = -1;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static long echo(final long value) {
        return value;
    }

    /** @return the echoed value */
    @Benchmark
    public long roundTrip() {
        return echo(next++);
    }
}
