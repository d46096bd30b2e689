package org.capring.bench.call;

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
import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;

/**
 * One typed capring call per operation: endpoint loop, caller reaps, {@link EchoRig#SPIN_ROUNDS} spin rounds before
 * parking; subclasses override what they vary:
 * the server's dispatch, the client's completion, the spin before parking, and
 * whether the call goes through hand-built messages or the generated stub and skeleton.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR})
public abstract class CapringCallBench {
    private EchoRig rig;
    private long next;

    /** @return the server's dispatch (the runtime's default, endpoint loop, unless a subject overrides it) */
    DispatchMode dispatch() {
        return DispatchMode.ENDPOINT_LOOP;
    }

    /** @return the client's completion (the runtime's default, caller reaps, unless a subject overrides it) */
    CompletionMode completion() {
        return CompletionMode.CALLER_REAPS;
    }

    /** @return spin rounds before parking ({@link EchoRig#SPIN_ROUNDS} unless a subject overrides it) */
    int spinRounds() {
        return EchoRig.SPIN_ROUNDS;
    }

    /**
     * One call through the rig; hand-built messages unless a subject overrides it.
     *
     * @param echo  the rig
     * @param value value to echo
     * @return the echoed value
     */
    long call(final EchoRig echo, final long value) {
        return echo.echo(value);
    }

    /** Starts the server and the client. */
    @Setup(Level.Trial)
    public void setUp() {
        rig = new EchoRig(dispatch(), completion(), spinRounds());
    }

    /** Stops them. */
    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    /** @return the echoed value */
    @Benchmark
    public long roundTrip() {
        return call(rig, next++);
    }
}
