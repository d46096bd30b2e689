package org.capring.bench.call;

import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;
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
 * One typed Echo call through the generated stub from a virtual-thread caller, across the call runtime's design
 * choices: where the handler runs ({@code endpoint}: the capability's endpoint loop, the capability declared
 * blocking; {@code idleInline}: declared non-blocking, so the reader runs the call when the capability has nothing
 * queued or running; {@code inline}: {@link DispatchMode#INLINE}, the reader runs every call) and how long each
 * waiter spins before it parks. The spin budget is the runtime's ({@link CallDesignsTwoSpinners}: one spinner
 * more).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR})
public class CallDesigns {
    /** Where the handler runs. */
    @Param({"endpoint", "inline", "idleInline"})
    public String design;

    /** Spin rounds before parking (server loops and caller-reaper). */
    @Param({"0", "16", "64", "256"})
    public int spin;

    private EchoRig rig;
    private long next;

    /** Starts the server and the client. */
    @Setup(Level.Trial)
    public void setUp() {
        rig = new EchoRig(design.equals("inline") ? DispatchMode.INLINE : DispatchMode.ENDPOINT_LOOP,
            CompletionMode.CALLER_REAPS, spin, !design.equals("endpoint"));
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    /** @return the echoed value */
    @Benchmark
    public long roundTrip() {
        return rig.echoGenerated(next++);
    }
}
