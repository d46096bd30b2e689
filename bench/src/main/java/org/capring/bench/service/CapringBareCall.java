package org.capring.bench.service;

import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.capring.bench.call.EchoRig;
import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;
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
 * The baseline of {@link CapringServiceCall}: the same Echo call through the generated stub and skeleton on a bare
 * {@code RingServer}, with the same ring, dispatch, completion and spin, no container.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR})
public class CapringBareCall {
    private EchoRig rig;
    private long next;

    /** Starts the server and the client. */
    @Setup(Level.Trial)
    public void setUp() {
        rig = new EchoRig(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS, EchoRig.SPIN_ROUNDS);
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    /** @return the echoed value */
    @Benchmark
    public long roundTrip() {
        return rig.echoGenerated(next++ & 0xFFFF_FFFFL);
    }
}
