package org.capring.bench.report;

import static org.capring.bench.report.Criterion.atLeast;
import static org.capring.bench.report.Criterion.flat;
import static org.capring.bench.report.Criterion.informational;
import static org.capring.bench.report.Criterion.noSlowerThanBestOf;
import static org.capring.bench.report.Criterion.reaches;
import static org.capring.bench.report.Criterion.withinFactorOf;
import static org.capring.bench.report.Criterion.zeroAllocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.capring.bench.report.TargetResult.Status;
import org.junit.jupiter.api.Test;

class TargetEvaluatorTest {
    private static final double EPSILON = 1e-9;

    @Test
    void evaluate_handWrittenRows_giveEachDefaultTargetItsKnownStatus() throws ReportException {
        final Map<String, TargetResult> byId = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.TARGETS).rows()));

        assertEquals(Targets.DEFAULT.size(), byId.size(), "one verdict per target");
        assertEquals(Status.MISSED, byId.get("1.1").status(), "met with busy polling, missed with onSpinWait");
        assertEquals(Status.NOT_MEASURED, byId.get("1.2").status(), "one cell has no CapringSqPoll row");
        assertEquals(Status.MET, byId.get("1.3").status());
        assertEquals(Status.NOT_MEASURED, byId.get("1.4").status());
        assertEquals(Status.MET, byId.get("2.1").status());
        assertEquals(Status.NOT_MEASURED, byId.get("2.2").status());
        assertEquals(Status.MISSED, byId.get("2.3").status(), "a miss in one cell outweighs an unmeasured cell");
        assertEquals(Status.MISSED, byId.get("2.4").status());
        assertEquals(Status.MISSED, byId.get("3.1").status());
        assertEquals(Status.NOT_MEASURED, byId.get("3.3").status());
        assertEquals(Status.NOT_MEASURED, byId.get("4.1").status(), "throughput rows carry no gc data");
        assertEquals(Status.MISSED, byId.get("4.2").status());
    }

    @Test
    void evaluate_targetOverAMatrix_isMissedByItsWorstCellAndListsEveryCell() throws ReportException {
        final TargetResult oneEntry = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.TARGETS).rows())).get("1.1");

        // submit=1: busy 450 vs 105 items/s (met), onSpinWait 250 vs 100 (2.5×, missed); submit=32 cells excluded.
        assertEquals(2, oneEntry.cells().size());
        assertEquals(List.of(Status.MET, Status.MISSED), oneEntry.cells().stream().map(TargetResult::status).toList());
        assertEquals(2.5, oneEntry.medianAdvantage().orElseThrow(), EPSILON);
        assertEquals(2.5, oneEntry.bestForkAdvantage().orElseThrow(), EPSILON);
        assertTrue(oneEntry.scope().endsWith("where submit=1 (2 cells)"), oneEntry.scope());
        assertTrue(oneEntry.note().startsWith("worst cell: throughput / transfer (spinWait=onSpinWait, submit=1)"),
            oneEntry.note());
        assertTrue(oneEntry.note().endsWith("1 of 2 cells met"), oneEntry.note());
    }

    @Test
    void evaluate_everyCellMet_isMetAtItsWorstCell() throws ReportException {
        final TargetResult batch = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.TARGETS).rows())).get("1.3");

        // 7× with busy polling, exactly the required 6× with onSpinWait: a target is met at its bound.
        assertEquals(Status.MET, batch.status());
        assertEquals(6.0, batch.medianAdvantage().orElseThrow(), EPSILON);
        assertTrue(batch.note().endsWith("2 of 2 cells met"), batch.note());
    }

    @Test
    void evaluate_cellWithoutTheSubject_makesTheTargetNotMeasured() throws ReportException {
        final TargetResult poll = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.TARGETS).rows())).get("1.2");

        assertEquals(Status.NOT_MEASURED, poll.status());
        assertEquals(400.0 / 105.0, poll.medianAdvantage().orElseThrow(), EPSILON);
        assertTrue(poll.note().endsWith("1 of 2 cells met, 1 not measured"), poll.note());
        assertEquals("no CapringSqPoll row", poll.cells().get(1).note());
    }

    @Test
    void evaluate_flatAcrossParams_comparesTheSubjectWithItself() throws ReportException {
        final List<ResultRow> rows = TestFiles.parse(TestFiles.TARGETS).rows();
        // CapringCall echo: 10 and 12 us/op at callers=1 (median 11), 100 at callers=100.
        final TargetResult slower = TargetEvaluator.evaluate(List.of(new Target("f", "flat", "call", Target.ANY,
            "CapringCall", flat("callers", "1", "100", 0.8))), rows).getFirst();
        assertEquals(Status.MISSED, slower.status());
        assertEquals(11.0 / 100.0, slower.medianAdvantage().orElseThrow(), EPSILON);
        assertEquals(10.0 / 100.0, slower.bestForkAdvantage().orElseThrow(), EPSILON);

        final TargetResult loose = TargetEvaluator.evaluate(List.of(new Target("f", "flat", "call", Target.ANY,
            "CapringCall", flat("callers", "1", "100", 0.1))), rows).getFirst();
        assertEquals(Status.MET, loose.status());

        final TargetResult missing = TargetEvaluator.evaluate(List.of(new Target("f", "flat", "call", Target.ANY,
            "CapringCall", flat("callers", "1", "10000", 0.8))), rows).getFirst();
        assertEquals(Status.NOT_MEASURED, missing.status());
    }

    @Test
    void evaluate_reachesAbsoluteLevel_bothDirectionsAndUnitChecked() throws ReportException {
        final List<ResultRow> rows = TestFiles.parse(TestFiles.TARGETS).rows();
        // CapringSq, busy, one-entry: 400 and 500 items/s; CapringRingSpsc round trip medians 120 and 110 ns/op.
        final Map<String, String> cell = Map.of("spinWait", "busy", "submit", "1");
        final TargetResult rate = TargetEvaluator.evaluate(List.of(new Target("r", "rate", "throughput", "transfer",
            cell, "CapringSq", reaches(400, "ops/s"))), rows).getFirst();
        assertEquals(Status.MET, rate.status());
        assertEquals(450.0 / 400.0, rate.medianAdvantage().orElseThrow(), EPSILON);
        final TargetResult tooHigh = TargetEvaluator.evaluate(List.of(new Target("r", "rate", "throughput",
            "transfer", cell, "CapringSq", reaches(1_000, "ops/s"))), rows).getFirst();
        assertEquals(Status.MISSED, tooHigh.status());
        final TargetResult time = TargetEvaluator.evaluate(List.of(new Target("r", "time", "roundtrip", Target.ANY,
            "CapringRingSpsc", reaches(150, "ns/op"))), rows).getFirst();
        assertEquals(Status.MET, time.status());
        assertEquals(150.0 / 120.0, time.medianAdvantage().orElseThrow(), EPSILON, "the worst of the two cells");
        final TargetResult wrongUnit = TargetEvaluator.evaluate(List.of(new Target("r", "time", "roundtrip",
            Target.ANY, "CapringRingSpsc", reaches(150, "us/op"))), rows).getFirst();
        assertEquals(Status.NOT_MEASURED, wrongUnit.status());
    }

    @Test
    void evaluate_otherSubjectsOfTheMeasureWithTheirOwnParams_makeNoCells() {
        // A design matrix (CallDesigns, with params) measured beside the call and its peer (no params).
        final List<ResultRow> rows = List.of(
            callRow("CapringCall", Map.of(), 200, 220),
            callRow("VirtualSynchronousQueue", Map.of(), 100, 110),
            callRow("CallDesigns", Map.of("spin", "0"), 900, 950),
            callRow("CallDesigns", Map.of("spin", "64"), 300, 310));

        final TargetResult within = TargetEvaluator.evaluate(List.of(new Target("c", "call", "call", Target.ANY,
            "CapringCall", withinFactorOf("VirtualSynchronousQueue", 2.5))), rows).getFirst();

        assertEquals(Status.MET, within.status(), within::note);
        assertEquals(0, within.cells().size(), "one cell: no cell list");
        assertEquals(105.0 / 210.0, within.medianAdvantage().orElseThrow(), EPSILON);
        final TargetResult design = TargetEvaluator.evaluate(List.of(new Target("d", "design", "call", Target.ANY,
            "CallDesigns", informational("VirtualSynchronousQueue"))), rows).getFirst();
        assertEquals(3, design.cells().size(), "the design's two cells and the peer's");
    }

    private static ResultRow callRow(final String subject, final Map<String, String> params, final double... forks) {
        return new ResultRow(new BenchmarkId("call", subject, "roundTrip"),
            new RowKey("call", "roundTrip", new TreeMap<>(params)), "primary", "ns/op", Direction.LOWER_IS_BETTER,
            new ForkStats(Arrays.stream(forks).boxed().toList()), OptionalDouble.empty());
    }

    @Test
    void criteria_badArguments_rejected() {
        assertThrows(IllegalArgumentException.class, () -> flat("callers", "1", "2", 0));
        assertThrows(IllegalArgumentException.class, () -> flat("callers", "1", "2", 1.5));
        assertThrows(NullPointerException.class, () -> flat(null, "1", "2", 0.5));
        assertThrows(IllegalArgumentException.class, () -> reaches(-1, "ops/s"));
        assertThrows(NullPointerException.class, () -> reaches(1, null));
    }

    @Test
    void evaluate_floorTarget_allowsTheFactorAboveTheFloor() throws ReportException {
        final TargetResult floor = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.TARGETS).rows())).get("2.1");

        // CapringRingSpsc median 120 ns (busy) and 110 ns (onSpinWait) against a 100 ns floor: within 1.25× in both
        // cells, so the worst advantage, 0.83 ≥ 0.80, is met.
        assertEquals(100.0 / 120.0, floor.medianAdvantage().orElseThrow(), EPSILON);
        assertEquals(100.0 / 110.0, floor.bestForkAdvantage().orElseThrow(), EPSILON);
        assertEquals(Status.MET, floor.status());
    }

    @Test
    void evaluate_bestOfPeersWithSomeUnmeasured_isNotMeasuredButShowsTheRatio() throws ReportException {
        final TargetResult bestOf = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.TARGETS).rows())).get("2.2");

        assertEquals(130.0 / 120.0, bestOf.medianAdvantage().orElseThrow(), EPSILON);
        assertTrue(bestOf.note().contains("vs best by median: AgronaOneToOnePair"), bestOf.note());
        assertTrue(bestOf.note().contains("not measured: DisruptorPair, ArrayBlockingQueuePair"), bestOf.note());
        assertEquals(2, bestOf.cells().size());
    }

    @Test
    void evaluate_bestOfPeersBeatenByAMeasuredOne_isMissedEvenWithOthersUnmeasured() throws ReportException {
        final var target = new Target("x", "test", "roundtrip", Target.ANY, Map.of("spinWait", "busy"),
            "CapringRingSpsc", noSlowerThanBestOf("DisruptorPair", "PaddedLongPingPong"));

        final TargetResult result = TargetEvaluator.evaluate(List.of(target),
            TestFiles.parse(TestFiles.TARGETS).rows()).getFirst();

        assertEquals(Status.MISSED, result.status());
        assertEquals(60.0 / 120.0, result.medianAdvantage().orElseThrow(), EPSILON);
        assertTrue(result.cells().isEmpty(), "one cell: judged on its own");
    }

    @Test
    void evaluate_realRoundtripRun_judgesAgainstTheBestOfAllPeers() throws ReportException {
        // The sample predates the polling-style parameter: CapringRing's one cell against every peer pair.
        final var target = new Target("x", "best pair", "roundtrip", Target.ANY, "CapringRing",
            noSlowerThanBestOf("JctoolsSpscPair", "AgronaOneToOnePair", "DisruptorPair", "ArrayBlockingQueuePair"));

        final TargetResult bestOf = TargetEvaluator.evaluate(List.of(target),
            TestFiles.parse(TestFiles.ROUNDTRIP_SAMPLE).rows()).getFirst();

        assertEquals(Status.MET, bestOf.status());
        // The best peer by median is JctoolsSpscPair (fork means 469.9, 503.2, 499.8) against CapringRing's 422.8.
        final double jctoolsMedian = (508.05274224956804 + 491.73331622580366 + 499.55251259669114) / 3;
        final double capringMedian = (405.55014230894034 + 421.80011212750594 + 441.112766437659) / 3;
        assertEquals(jctoolsMedian / capringMedian, bestOf.medianAdvantage().orElseThrow(), EPSILON);
        final Map<String, TargetResult> byId = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.ROUNDTRIP_SAMPLE).rows()));
        assertEquals(Status.MISSED, byId.get("3.1").status());
        assertEquals(Status.NOT_MEASURED, byId.get("1.1").status());
        assertEquals(Status.NOT_MEASURED, byId.get("4.1").status());
    }

    @Test
    void evaluate_informationalTarget_isInfoWithItsRatio() throws ReportException {
        final var target = new Target("x", "info", "roundtrip", Target.ANY, "CapringRing",
            Criterion.informational("PaddedLongPair"));

        final TargetResult info = TargetEvaluator.evaluate(List.of(target),
            TestFiles.parse(TestFiles.GC_SAMPLE).rows()).getFirst();

        assertEquals(Status.INFO, info.status());
        assertTrue(info.medianAdvantage().isPresent());
    }

    @Test
    void evaluate_parameterisedMeasure_givesOneVerdictOverEveryParameterSet() throws ReportException {
        final var target = new Target("5.1", "call beats gRPC by 2×", "call", Target.ANY, "CapringCall",
            atLeast("GrpcCall", 2.0));

        final List<TargetResult> results = TargetEvaluator.evaluate(List.of(target),
            TestFiles.parse(TestFiles.TARGETS).rows());

        assertEquals(1, results.size());
        final TargetResult result = results.getFirst();
        assertEquals(Status.MISSED, result.status());
        assertEquals(List.of("call / echo (callers=1)", "call / echo (callers=100)"),
            result.cells().stream().map(TargetResult::scope).toList());
        assertEquals(List.of(Status.MET, Status.MISSED), result.cells().stream().map(TargetResult::status).toList());
        assertEquals(5.0, result.cells().getFirst().medianAdvantage().orElseThrow(), EPSILON);
        assertEquals(1.5, result.medianAdvantage().orElseThrow(), EPSILON);
    }

    @Test
    void evaluate_whereFilter_judgesOnlyTheCellsWithThoseValues() throws ReportException {
        final var target = new Target("5.1", "call beats gRPC by 2×", "call", Target.ANY, Map.of("callers", "1"),
            "CapringCall", atLeast("GrpcCall", 2.0));

        final TargetResult result = TargetEvaluator.evaluate(List.of(target),
            TestFiles.parse(TestFiles.TARGETS).rows()).getFirst();

        assertEquals(Status.MET, result.status());
        assertEquals("call / echo (callers=1)", result.scope());
        assertEquals("call / any variant where callers=1", target.scope());
    }

    @Test
    void evaluate_measureAbsentFromTheRun_isOneNotMeasuredResult() throws ReportException {
        final var target = new Target("6.1", "streams", "stream", Target.ANY, "CapringStream",
            atLeast("JctoolsStream", 1.0));

        final List<TargetResult> results = TargetEvaluator.evaluate(List.of(target),
            TestFiles.parse(TestFiles.TARGETS).rows());

        assertEquals(1, results.size());
        assertEquals(Status.NOT_MEASURED, results.getFirst().status());
        assertEquals("stream / any variant", results.getFirst().scope());
        assertTrue(results.getFirst().medianAdvantage().isEmpty());
    }

    @Test
    void evaluate_allocationTargetOnGcRun_isMetWhenEveryCapringRowIsBelowHalfAByte() throws ReportException {
        final Map<String, TargetResult> byId = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.GC_SAMPLE).rows()));

        // The GC sample holds one capring throughput row, three round-trip rows and two MPSC rows.
        assertEquals(Status.MET, byId.get("4.1").status());
        assertTrue(byId.get("4.1").note().startsWith("1 rows"), byId.get("4.1").note());
        assertEquals(Status.MET, byId.get("4.2").status());
        assertTrue(byId.get("4.2").note().startsWith("3 rows"), byId.get("4.2").note());
        assertEquals(Status.MET, byId.get("4.3").status());
        assertTrue(byId.get("4.3").note().startsWith("2 rows"), byId.get("4.3").note());
    }

    @Test
    void evaluate_allocationTargetWithAnAllocatingRow_isMissedAndNamesIt() throws ReportException {
        final TargetResult alloc = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.TARGETS).rows())).get("4.2");

        assertEquals(Status.MISSED, alloc.status());
        assertEquals("allocating: CapringRing (roundtrip / roundTrip (spinWait=busy)) 24.0 B/op", alloc.note());
    }

    @Test
    void evaluate_allocationTargetWithSomeRowsUnmeasured_isNotMeasuredAndNamesThem() throws ReportException {
        final String json = """
            [{"benchmark": "org.capring.bench.mpsc.CapringMpsc.submitTake", "mode": "avgt",
              "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[25.0]]},
              "secondaryMetrics": {"gc.alloc.rate.norm": {"scoreUnit": "B/op", "rawData": [[0.0001]]}}},
             {"benchmark": "org.capring.bench.mpsc.CapringMpscPoll.submitTake", "mode": "avgt",
              "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[25.0]]}}]
            """;
        final var target = new Target("4.1", "no allocation", Target.ANY, Target.ANY, "Capring*", zeroAllocation());

        final TargetResult alloc = TargetEvaluator.evaluate(List.of(target),
            JmhResultParser.parse(json, "inline").rows()).getFirst();

        assertEquals(Status.NOT_MEASURED, alloc.status());
        assertTrue(alloc.note().contains("CapringMpscPoll (mpsc / submitTake)"), alloc.note());
    }

    @Test
    void target_ratioWithWildcardMeasureOrSubject_isRejected() {
        assertThrows(IllegalArgumentException.class,
            () -> new Target("x", "t", Target.ANY, Target.ANY, "CapringSq", atLeast("AgronaOneToOne", 4)));
        assertThrows(IllegalArgumentException.class,
            () -> new Target("x", "t", "throughput", Target.ANY, "Capring*", atLeast("AgronaOneToOne", 4)));
    }

    @Test
    void criterion_invalidFactors_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> atLeast("AgronaOneToOne", 0));
        assertThrows(IllegalArgumentException.class, () -> Criterion.withinFactorOf("PaddedLongPingPong", 0.9));
        assertThrows(IllegalArgumentException.class, Criterion::noSlowerThanBestOf);
    }

    /** The verdict of each target id (one per target, however many cells it covers). */
    private static Map<String, TargetResult> byId(final List<TargetResult> results) {
        return results.stream().collect(Collectors.toMap(result -> result.target().id(), Function.identity()));
    }
}
