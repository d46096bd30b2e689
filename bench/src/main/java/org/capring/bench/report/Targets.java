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
import java.util.Map;

/**
 * The performance targets every report checks, one line each. A target is judged on every cell (row key) it covers
 * and holds only if it holds in all of them. To add a target for a new measure, add a line; a target whose rows the
 * run lacks shows as NOT MEASURED. For example, for a {@code call} measure with a
 * {@code callers} parameter (judged on every measured {@code callers} value, its worst one shown):
 *
 * {@snippet :
 * new Target("5.1", "a call beats a gRPC call by 2×", "call", Target.ANY, "CapringCall", atLeast("GrpcCall", 2.0)),
 * }
 */
public final class Targets {
    /** The submit=1 cells of the throughput matrix. */
    private static final Map<String, String> ONE_ENTRY = Map.of("submit", "1");
    /** The submit=32 cells of the throughput matrix. */
    private static final Map<String, String> BATCH = Map.of("submit", "32");

    /**
     * The targets of the ring (1-4: every cell of each matrix, both polling styles), of typed calls (5-6), of the
     * service container (7) and of the keyed pool (8), in report order.
     */
    public static final List<Target> DEFAULT = List.of(
        new Target("1.1", "one-entry submit at least 3× Agrona's one-to-one ring buffer (SIGNAL, the default)",
            "throughput", "transfer", ONE_ENTRY, "CapringSq", atLeast("AgronaOneToOne", 3.0)),
        new Target("1.2", "one-entry submit at least 3× Agrona's one-to-one ring buffer (POLL)", "throughput",
            "transfer", ONE_ENTRY, "CapringSqPoll", atLeast("AgronaOneToOne", 3.0)),
        new Target("1.3", "32-entry submit at least 6× Agrona's one-to-one ring buffer (SIGNAL, the default)",
            "throughput", "transfer", BATCH, "CapringSq", atLeast("AgronaOneToOne", 6.0)),
        new Target("1.4", "32-entry submit at least 6× Agrona's one-to-one ring buffer (POLL)", "throughput",
            "transfer", BATCH, "CapringSqPoll", atLeast("AgronaOneToOne", 6.0)),
        new Target("1.5", "SQ throughput against JCTools SPSC carrying records", "throughput", "transfer",
            "CapringSq", informational("JctoolsSpscRecords")),
        new Target("2.1", "round trip within 1.25× of two padded longs (PaddedLongPair, the floor of any two-line "
            + "design); single-producer SQ and CQ, as every peer pair is", "roundtrip", Target.ANY, "CapringRingSpsc",
            withinFactorOf("PaddedLongPair", 1.25)),
        new Target("2.2", "round trip no slower than the best pair of peer queues; single-producer SQ and CQ",
            "roundtrip", Target.ANY, "CapringRingSpsc", noSlowerThanBestOf("JctoolsSpscPair", "AgronaOneToOnePair",
                "DisruptorPair", "ArrayBlockingQueuePair")),
        new Target("2.3", "round trip within 1.25× of PaddedLongPair in the call runtime's layout (multi-producer CQ)",
            "roundtrip", Target.ANY, "CapringRing", withinFactorOf("PaddedLongPair", 1.25)),
        new Target("2.4", "round trip no slower than the best pair of peer queues in the call runtime's layout",
            "roundtrip", Target.ANY, "CapringRing", noSlowerThanBestOf("JctoolsSpscPair", "AgronaOneToOnePair",
                "DisruptorPair", "ArrayBlockingQueuePair")),
        new Target("2.5", "round trip against one padded long ping-ponged (one line, the physical floor)", "roundtrip",
            Target.ANY, "CapringRingSpsc", informational("PaddedLongPingPong")),
        new Target("3.1", "MPSC submit and take no slower than JCTools MPSC (SIGNAL, the default)", "mpsc",
            "submitTake", "CapringMpsc", noSlowerThan("JctoolsMpsc")),
        new Target("3.2", "MPSC submit and take against JCTools MPSC (POLL)", "mpsc", "submitTake", "CapringMpscPoll",
            informational("JctoolsMpsc")),
        new Target("3.3", "multi-producer queue, one producer thread and one consumer thread, against JCTools MPSC",
            "mpsc", "transfer", "CapringMpsc", informational("JctoolsMpsc")),
        new Target("4.1", "no allocation on the ring's hot path (throughput)", "throughput", Target.ANY,
            BenchmarkId.CAPRING_PREFIX + Target.ANY, zeroAllocation()),
        new Target("4.2", "no allocation on the ring's hot path (round trip)", "roundtrip", Target.ANY,
            BenchmarkId.CAPRING_PREFIX + Target.ANY, zeroAllocation()),
        new Target("4.3", "no allocation on the ring's hot path (MPSC)", "mpsc", Target.ANY,
            BenchmarkId.CAPRING_PREFIX + Target.ANY, zeroAllocation()),
        new Target("5.1", "one typed call through the generated stub with the runtime's defaults (a non-blocking "
            + "capability) within 1.5× a virtual-thread SynchronousQueue round trip", "call", Target.ANY,
            "CapringCallStub", withinFactorOf("VirtualSynchronousQueue", 1.5)),
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
        new Target("5.12", "the runtime's default 64-round budgeted spin before parking vs parking at once", "call",
            Target.ANY, "CapringCall", informational("CapringCallNoSpin")),
        new Target("6.1", "calls per second flat within 20% from 1 to 10,000 callers", "callrate", Target.ANY,
            "CapringCalls", flat("callers", "1", "10000", 0.8)),
        new Target("6.2", "batched calls per second at 10,000 callers within 20% of 100 callers", "callrate",
            Target.ANY, "CapringCallsBatched", flat("callers", "100", "10000", 0.8)),
        new Target("6.3", "at least 1.5 M calls per second with batching, at every caller count", "callrate",
            Target.ANY, "CapringCallsBatched", reaches(1_500_000, "ops/s")),
        new Target("6.4", "0 B/op per call in steady state, many callers", "callrate", Target.ANY,
            BenchmarkId.CAPRING_PREFIX + Target.ANY, zeroAllocation()),
        new Target("6.5", "batched calls per second on a ring of 4,096 call slots vs 256 (the wait for a free slot)",
            "callrate", Target.ANY, "CapringCallsBatchedManySlots", informational("CapringCallsBatched")),
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
