package org.capring.bench.report;

import static org.capring.bench.report.Criterion.atLeast;
import static org.capring.bench.report.Criterion.flat;
import static org.capring.bench.report.Criterion.noSlowerThanBestOf;
import static org.capring.bench.report.Criterion.reaches;
import static org.capring.bench.report.Criterion.zeroAllocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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

        assertEquals(Targets.DEFAULT.size(), byId.size());
        assertEquals(Status.MET, byId.get("1.1").status());
        assertEquals(Status.MISSED, byId.get("1.2").status());
        assertEquals(Status.MET, byId.get("1.3").status());
        assertEquals(Status.NOT_MEASURED, byId.get("1.4").status());
        assertEquals(Status.MET, byId.get("2.1").status());
        assertEquals(Status.NOT_MEASURED, byId.get("2.2").status());
        assertEquals(Status.NOT_MEASURED, byId.get("2.3").status());
        assertEquals(Status.MISSED, byId.get("3.1").status());
        assertEquals(Status.NOT_MEASURED, byId.get("4.1").status(), "throughput rows carry no gc data");
        assertEquals(Status.MISSED, byId.get("4.2").status());
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
        // CapringSq batched: 400 and 500 items/s; CapringRing round trip median 120 ns/op.
        final TargetResult rate = TargetEvaluator.evaluate(List.of(new Target("r", "rate", "throughput", "batched",
            "CapringSq", reaches(400, "ops/s"))), rows).getFirst();
        assertEquals(Status.MET, rate.status());
        assertEquals(450.0 / 400.0, rate.medianAdvantage().orElseThrow(), EPSILON);
        final TargetResult tooHigh = TargetEvaluator.evaluate(List.of(new Target("r", "rate", "throughput", "batched",
            "CapringSq", reaches(1_000, "ops/s"))), rows).getFirst();
        assertEquals(Status.MISSED, tooHigh.status());
        final TargetResult time = TargetEvaluator.evaluate(List.of(new Target("r", "time", "roundtrip", Target.ANY,
            "CapringRing", reaches(150, "ns/op"))), rows).getFirst();
        assertEquals(Status.MET, time.status());
        assertEquals(150.0 / 120.0, time.medianAdvantage().orElseThrow(), EPSILON);
        final TargetResult wrongUnit = TargetEvaluator.evaluate(List.of(new Target("r", "time", "roundtrip",
            Target.ANY, "CapringRing", reaches(150, "us/op"))), rows).getFirst();
        assertEquals(Status.NOT_MEASURED, wrongUnit.status());
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
    void evaluate_rateTarget_judgesMedianAndShowsBestFork() throws ReportException {
        final Map<String, TargetResult> byId = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.TARGETS).rows()));

        // CapringSq forks 400 and 500 items/s, AgronaOneToOne 100 and 110.
        assertEquals(450.0 / 105.0, byId.get("1.1").medianAdvantage().orElseThrow(), EPSILON);
        assertEquals(500.0 / 110.0, byId.get("1.1").bestForkAdvantage().orElseThrow(), EPSILON);
        // Exactly the required 2×: a target is met at its bound.
        assertEquals(2.0, byId.get("1.3").medianAdvantage().orElseThrow(), EPSILON);
        assertEquals(3.0, byId.get("1.2").medianAdvantage().orElseThrow(), EPSILON);
        assertEquals("no JctoolsSpscRecords row", byId.get("1.4").note());
    }

    @Test
    void evaluate_floorTarget_allowsTheFactorAboveTheFloor() throws ReportException {
        final TargetResult floor = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.TARGETS).rows())).get("2.1");

        // CapringRing median 120 ns against a 100 ns floor: within 1.25×, so an advantage of 0.83 ≥ 0.80 is met.
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
    }

    @Test
    void evaluate_bestOfPeersBeatenByAMeasuredOne_isMissedEvenWithOthersUnmeasured() throws ReportException {
        final var target = new Target("x", "test", "roundtrip", Target.ANY, "CapringRing",
            noSlowerThanBestOf("DisruptorPair", "PaddedLongPingPong"));

        final TargetResult result = TargetEvaluator.evaluate(List.of(target),
            TestFiles.parse(TestFiles.TARGETS).rows()).getFirst();

        assertEquals(Status.MISSED, result.status());
        assertEquals(100.0 / 120.0, result.medianAdvantage().orElseThrow(), EPSILON);
    }

    @Test
    void evaluate_realRoundtripRun_judgesAgainstTheBestOfAllPeers() throws ReportException {
        final Map<String, TargetResult> byId = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.ROUNDTRIP_SAMPLE).rows()));

        final TargetResult bestOf = byId.get("2.2");
        assertEquals(Status.MET, bestOf.status());
        // The best peer by median is JctoolsSpscPair (fork means 469.9, 503.2, 499.8) against CapringRing's 422.8.
        final double jctoolsMedian = (508.05274224956804 + 491.73331622580366 + 499.55251259669114) / 3;
        final double capringMedian = (405.55014230894034 + 421.80011212750594 + 441.112766437659) / 3;
        assertEquals(jctoolsMedian / capringMedian, bestOf.medianAdvantage().orElseThrow(), EPSILON);
        assertEquals(Status.MISSED, byId.get("2.1").status());
        assertEquals(Status.MISSED, byId.get("3.1").status());
        assertEquals(Status.NOT_MEASURED, byId.get("1.1").status());
        assertEquals(Status.NOT_MEASURED, byId.get("4.1").status());
    }

    @Test
    void evaluate_informationalTarget_isInfoWithItsRatio() throws ReportException {
        final TargetResult info = byId(TargetEvaluator.evaluate(Targets.DEFAULT,
            TestFiles.parse(TestFiles.GC_SAMPLE).rows())).get("2.3");

        assertEquals(Status.INFO, info.status());
        assertTrue(info.medianAdvantage().isPresent());
    }

    @Test
    void evaluate_parameterisedMeasure_givesOneResultPerParameterSet() throws ReportException {
        final var target = new Target("5.1", "call beats gRPC by 2×", "call", Target.ANY, "CapringCall",
            atLeast("GrpcCall", 2.0));

        final List<TargetResult> results = TargetEvaluator.evaluate(List.of(target),
            TestFiles.parse(TestFiles.TARGETS).rows());

        assertEquals(List.of("call / echo (callers=1)", "call / echo (callers=100)"),
            results.stream().map(TargetResult::scope).toList());
        assertEquals(List.of(Status.MET, Status.MISSED), results.stream().map(TargetResult::status).toList());
        assertEquals(5.0, results.getFirst().medianAdvantage().orElseThrow(), EPSILON);
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
        assertEquals("allocating: CapringRing (roundtrip / roundTrip) 24.0 B/op", alloc.note());
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

    /** The first result of each target id (a target over several parameter values gives one result per value). */
    private static Map<String, TargetResult> byId(final List<TargetResult> results) {
        return results.stream().collect(Collectors.toMap(result -> result.target().id(), Function.identity(),
            (first, later) -> first));
    }
}
