package org.capring.bench.service;

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

/**
 * One Echo call per operation through the generated stub and skeleton; subclasses say what serves it (the container
 * or a bare {@code RingServer}), everything else is the same.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR})
public abstract class ServiceCallBench {
    /** What serves the calls: one echo call at a time, closed at the end of the trial. */
    interface Echoer extends AutoCloseable {
        long echo(long value);

        @Override
        void close();
    }

    private Echoer rig;
    private long next;

    /** @return the subject's rig, started */
    abstract Echoer open();

    /** Starts the subject. */
    @Setup(Level.Trial)
    public void setUp() {
        rig = open();
    }

    /** Stops it. */
    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    /** @return the echoed value */
    @Benchmark
    public long roundTrip() {
        return rig.echo(next++ & 0xFFFF_FFFFL);
    }
}
