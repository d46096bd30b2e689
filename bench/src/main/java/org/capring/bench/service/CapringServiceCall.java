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
 * One Echo call through the service container: generated stub, ring, binding, call context, no phases, generated
 * skeleton. {@link CapringBareCall} is the same call without the container, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR})
public class CapringServiceCall {
    private ServiceRig rig;
    private long next;

    /** Starts the host. */
    @Setup(Level.Trial)
    public void setUp() {
        rig = new ServiceRig();
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
