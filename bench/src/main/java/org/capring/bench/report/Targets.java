package org.capring.bench.report;

import static org.capring.bench.report.Criterion.atLeast;
import static org.capring.bench.report.Criterion.flat;
import static org.capring.bench.report.Criterion.informational;
import static org.capring.bench.report.Criterion.noSlowerThan;
import static org.capring.bench.report.Criterion.noSlowerThanBestOf;
import static org.capring.bench.report.Criterion.reaches;
import static org.capring.bench.report.Criterion.withinFactorOf;
import static org.capring.bench.report.Criterion.zeroAllocation;

import java.util.List;

/**
 * The performance targets every report checks, one line each. To add a target for a new measure, add a line; a
 * target whose rows the run lacks shows as NOT MEASURED. For example, for a {@code call} measure with a
 * {@code callers} parameter (judged once per measured {@code callers} value):
 *
 * {@snippet :
 * new Target("5.1", "a call beats a gRPC call by 2×", "call", Target.ANY, "CapringCall", atLeast("GrpcCall", 2.0)),
 * }
 */
public final class Targets {
    /**
     * The targets of the ring foundation (1-4), of typed calls (5-6), of the service container (7) and of the keyed
     * pool (8), in report order.
     */
    public static final List<Target> DEFAULT = List.of(
        new Target("1.1", "SQ throughput at least 4× Agrona's one-to-one ring buffer", "throughput", "batched",
            "CapringSq", atLeast("AgronaOneToOne", 4.0)),
        new Target("1.2", "SQ throughput at least 4× Agrona's one-to-one ring buffer", "throughput", "unbatched",
            "CapringSq", atLeast("AgronaOneToOne", 4.0)),
        new Target("1.3", "SQ throughput at least 2× JCTools SPSC carrying records", "throughput", "batched",
            "CapringSq", atLeast("JctoolsSpscRecords", 2.0)),
        new Target("1.4", "SQ throughput at least 2× JCTools SPSC carrying records", "throughput", "unbatched",
            "CapringSq", atLeast("JctoolsSpscRecords", 2.0)),
        new Target("2.1", "round trip within 1.25× of one padded long ping-ponged (the physical floor)", "roundtrip",
            Target.ANY, "CapringRing", withinFactorOf("PaddedLongPingPong", 1.25)),
        new Target("2.2", "round trip no slower than the best pair of peer queues", "roundtrip", Target.ANY,
            "CapringRing", noSlowerThanBestOf("JctoolsSpscPair", "AgronaOneToOnePair", "DisruptorPair",
                "ArrayBlockingQueuePair")),
        new Target("2.3", "round trip against two padded longs, the floor of any two-line design", "roundtrip",
            Target.ANY, "CapringRing", informational("PaddedLongPair")),
        new Target("2.4", "like for like: single-producer SQ and CQ, as every peer pair is, no slower than the best pair",
            "roundtrip", Target.ANY, "CapringRingSpsc", noSlowerThanBestOf("JctoolsSpscPair", "AgronaOneToOnePair",
                "DisruptorPair", "ArrayBlockingQueuePair")),
        new Target("3.1", "MPSC submit and take no slower than JCTools MPSC", "mpsc", Target.ANY, "CapringMpsc",
            noSlowerThan("JctoolsMpsc")),
        new Target("4.1", "no allocation on the ring's hot path (throughput)", "throughput", Target.ANY,
            BenchmarkId.CAPRING_PREFIX + Target.ANY, zeroAllocation()),
        new Target("4.2", "no allocation on the ring's hot path (round trip)", "roundtrip", Target.ANY,
            BenchmarkId.CAPRING_PREFIX + Target.ANY, zeroAllocation()),
        new Target("4.3", "no allocation on the ring's hot path (MPSC)", "mpsc", Target.ANY,
            BenchmarkId.CAPRING_PREFIX + Target.ANY, zeroAllocation()),
        new Target("5.1", "one typed call within 2× a virtual-thread SynchronousQueue round trip", "call", Target.ANY,
            "CapringCall", withinFactorOf("VirtualSynchronousQueue", 2.0)),
        new Target("5.2", "one typed call at least 20× faster than executor submit/get (platform caller)", "call",
            Target.ANY, "CapringCall", atLeast("PlatformCallerExecutorSubmitGet", 20.0)),
        new Target("5.3", "one typed call vs executor submit/get from a virtual-thread caller", "call", Target.ANY,
            "CapringCall", informational("VirtualExecutorSubmitGet")),
        new Target("5.4", "one typed call vs a virtual-thread park/unpark round trip", "call", Target.ANY,
            "CapringCall", informational("VirtualParkUnpark")),
        new Target("5.5", "endpoint loop, caller reaps vs inline dispatch", "call", Target.ANY,
            "CapringCall", informational("CapringCallInline")),
        new Target("5.6", "caller reaps vs a dedicated reaper thread", "call", Target.ANY,
            "CapringCall", informational("CapringCallReaper")),
        new Target("5.7", "endpoint loop vs a virtual thread per call", "call", Target.ANY,
            "CapringCall", informational("CapringCallPerThread")),
        new Target("5.8", "generated stub costs nothing measurable against the hand-built call", "call", Target.ANY,
            "CapringCallStub", withinFactorOf("CapringCall", 1.05)),
        new Target("5.9", "0 B/op per call in steady state", "call", Target.ANY,
            BenchmarkId.CAPRING_PREFIX + Target.ANY, zeroAllocation()),
        new Target("5.10", "one call on one carrier thread vs the SynchronousQueue round trip on one carrier", "call",
            Target.ANY, "CapringCallOneCarrier", informational("VirtualSynchronousQueueOneCarrier")),
        new Target("5.11", "inline dispatch on one carrier thread vs the SynchronousQueue round trip on one carrier",
            "call", Target.ANY, "CapringCallInlineOneCarrier", informational("VirtualSynchronousQueueOneCarrier")),
        new Target("5.12", "a 64-round budgeted spin before parking vs parking at once (the runtime's default)", "call",
            Target.ANY, "CapringCall", informational("CapringCallNoSpin")),
        new Target("6.1", "calls per second flat within 20% from 1 to 10,000 callers", "callrate", Target.ANY,
            "CapringCalls", flat("callers", "1", "10000", 0.8)),
        new Target("6.2", "batched calls per second flat within 20% from 1 to 10,000 callers", "callrate",
            Target.ANY, "CapringCallsBatched", flat("callers", "1", "10000", 0.8)),
        new Target("6.3", "at least 1 M calls per second with batching", "callrate", Target.ANY,
            "CapringCallsBatched", reaches(1_000_000, "ops/s")),
        new Target("6.4", "0 B/op per call in steady state, many callers", "callrate", Target.ANY,
            BenchmarkId.CAPRING_PREFIX + Target.ANY, zeroAllocation()),
        new Target("7.1", "a call through the service container (binding + context, no phases) within 1.10× a bare"
            + " RingServer call", "service", "roundTrip", "CapringServiceCall", withinFactorOf("CapringBareCall", 1.10)),
        new Target("7.2", "an idle host stops (every drain, ring and thread) within 1 ms", "service", "stopIdle",
            "CapringServiceLifecycle", reaches(1_000, "us/op")),
        new Target("7.3", "a live handoff of an idle service (start, probe, retarget, old drained) within 5 ms",
            "service", "handoff", "CapringServiceLifecycle", reaches(5_000, "us/op")),
        new Target("8.1", "pool acquire + release of one key no slower than Stormpot (unkeyed), one thread", "pool",
            "oneKey", "CapringPool", noSlowerThan("Stormpot")),
        new Target("8.2", "pool acquire + release of one key no slower than Stormpot (unkeyed), two threads", "pool",
            "oneKeyTwoThreads", "CapringPool", noSlowerThan("Stormpot")),
        new Target("8.3", "pool acquire + release at least 3× commons-pool2 GenericKeyedObjectPool", "pool",
            Target.ANY, "CapringPool", atLeast("CommonsPool2Keyed", 3.0)),
        new Target("8.4", "pool acquire + release of one key vs HikariCP's ConcurrentBag (unkeyed), one thread", "pool",
            "oneKey", "CapringPool", informational("HikariConcurrentBag")),
        new Target("8.5", "pool acquire + release of one key vs HikariCP's ConcurrentBag (unkeyed), two threads",
            "pool", "oneKeyTwoThreads", "CapringPool", informational("HikariConcurrentBag")),
        new Target("8.6", "0 B/op per acquire + release", "pool", Target.ANY, BenchmarkId.CAPRING_PREFIX + Target.ANY,
            zeroAllocation()));

    private Targets() {
    }
}
