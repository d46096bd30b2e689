package org.capring.bench.service;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.capring.bench.BenchFlags;
import org.capring.service.DrainReport;
import org.capring.service.HandoffReport;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The container's lifecycle operations, each timed whole (the primary score) and split by the reports the container
 * returns (secondary, per-iteration sums with their counts, so that per-operation means are sum ÷ count):
 * <ul>
 *   <li>{@code handoff}: a live handoff of an idle service (new instance started and probed through the ring,
 *       retargeted, old one drained and stopped); {@code swapNanos} is the retarget alone;</li>
 *   <li>{@code stopIdle}: {@code host.stop()} of a host whose one service has nothing in flight; {@code drainNanos} is
 *       the service's drain (gate closed to idle);</li>
 *   <li>{@code stopOneInFlight}: the same with one call in flight that returns as soon as it sees the drain;
 *       {@code endLatencyNanos} is the time from that last completion to the drain's end.</li>
 * </ul>
 * The two stop variants build a fresh host before each operation (not timed).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR})
public class CapringServiceLifecycle {

    /** One host for every handoff of a trial. */
    @State(Scope.Benchmark)
    public static class Serving {
        ServiceRig rig;

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
    }

    /** A fresh host before every operation, nothing in flight. */
    @State(Scope.Thread)
    public static class Fresh {
        ServiceRig rig;

        /** Starts a host (not timed). */
        @Setup(Level.Invocation)
        public void setUp() {
            rig = new ServiceRig();
        }
    }

    /** A fresh host before every operation, with one call in flight that returns once its instance drains. */
    @State(Scope.Thread)
    public static class InFlight {
        ServiceRig rig;
        Thread caller;

        /** Starts a host and the call, and waits until the call is in flight (not timed). */
        @Setup(Level.Invocation)
        public void setUp() {
            rig = new ServiceRig();
            caller = Thread.ofVirtual().start(() -> rig.echo(ServiceRig.UNTIL_DRAINING));
            while (rig.host().metrics().services().getFirst().inFlight() == 0) {
                LockSupport.parkNanos(1_000);
            }
        }

        /** Joins the caller (not timed). */
        @TearDown(Level.Invocation)
        public void tearDown() throws InterruptedException {
            caller.join();
        }
    }

    /** Per-iteration sums of what the container reported, with their counts. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Reported {
        /** Sum of {@link HandoffReport#swapNanos()}. */
        public long swapNanos;
        /** Handoffs summed. */
        public long handoffs;
        /** Sum of {@link DrainReport#drainNanos()}. */
        public long drainNanos;
        /** Sum of {@link DrainReport#endLatencyNanos()}. */
        public long endLatencyNanos;
        /** Stops summed. */
        public long stops;

        /** Zeroes the sums for the next iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            swapNanos = 0;
            handoffs = 0;
            drainNanos = 0;
            endLatencyNanos = 0;
            stops = 0;
        }
    }

    /**
     * @param serving the host
     * @param out     the reported times
     * @return the report
     */
    @Benchmark
    public HandoffReport handoff(final Serving serving, final Reported out) {
        final HandoffReport report = serving.rig.host().handoff(serving.rig.service(), ServiceRig.instance());
        out.swapNanos += report.swapNanos();
        out.handoffs++;
        return report;
    }

    /**
     * @param fresh a started host with nothing in flight
     * @param out   the reported times
     * @return the service's drain report
     */
    @Benchmark
    public DrainReport stopIdle(final Fresh fresh, final Reported out) {
        final DrainReport report = fresh.rig.host().stop().of("echo");
        out.drainNanos += report.drainNanos();
        out.stops++;
        return report;
    }

    /**
     * @param inFlight a started host with one call in flight
     * @param out      the reported times
     * @return the service's drain report
     */
    @Benchmark
    public DrainReport stopOneInFlight(final InFlight inFlight, final Reported out) {
        final DrainReport report = inFlight.rig.host().stop().of("echo");
        out.drainNanos += report.drainNanos();
        out.endLatencyNanos += report.endLatencyNanos();
        out.stops++;
        return report;
    }
}
