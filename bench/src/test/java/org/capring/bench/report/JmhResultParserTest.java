package org.capring.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JmhResultParserTest {
    private static final double EPSILON = 1e-9;

    @Test
    void parse_roundtripSample_forkStatsAreMinMedianMaxOfForkMeans() throws ReportException {
        final ResultRow row = TestFiles.row(TestFiles.parse(TestFiles.ROUNDTRIP_SAMPLE), "roundtrip", "CapringRing",
            "roundTrip");

        // The three forks' rawData, copied from the file; a fork's score is the mean of its iterations.
        final double fork0 = (364.5976000122471 + 367.63744181635127 + 373.9109531538172) / 3;
        final double fork1 = (405.55014230894034 + 421.80011212750594 + 441.112766437659) / 3;
        final double fork2 = (474.61976339622714 + 470.37327697764704 + 470.760411421386) / 3;
        assertEquals(3, row.stats().forks());
        assertEquals(fork0, row.stats().min(), EPSILON);
        assertEquals(fork1, row.stats().median(), EPSILON);
        assertEquals(fork2, row.stats().max(), EPSILON);
        assertEquals(368.7153316608, row.stats().min(), 1e-6);
        assertEquals(422.8210069580, row.stats().median(), 1e-6);
    }

    @Test
    void parse_roundtripSample_medianIsTheMiddleForkNotTheMean() throws ReportException {
        final ResultRow row = TestFiles.row(TestFiles.parse(TestFiles.ROUNDTRIP_SAMPLE), "roundtrip",
            "JctoolsSpscPair", "roundTrip");

        // Fork means 469.90, 503.15, 499.78: the median is the third fork's, the mean would be 490.95.
        final double fork2 = (508.05274224956804 + 491.73331622580366 + 499.55251259669114) / 3;
        assertEquals(fork2, row.stats().median(), EPSILON);
        assertEquals(3, row.stats().forks());
    }

    @Test
    void parse_throughputGroup_prefersItemsOverPrimaryMetric() throws ReportException {
        final ResultRow row = TestFiles.row(TestFiles.parse(TestFiles.GC_SAMPLE), "throughput", "CapringSq",
            "batched");

        final double itemsFork0 = (24670034.685631018 + 31941634.29050476) / 2;
        final double itemsFork1 = (34368745.056248024 + 78311296.49229872) / 2;
        final double primaryFork0 = (154245415.94686672 + 114368282.09345736) / 2;
        assertEquals(ResultRow.ITEMS_METRIC, row.metric());
        assertEquals("ops/s", row.unit());
        assertEquals(Direction.HIGHER_IS_BETTER, row.direction());
        assertEquals(2, row.stats().forks());
        assertEquals(itemsFork0, row.stats().min(), EPSILON);
        assertEquals(itemsFork1, row.stats().max(), EPSILON);
        assertEquals((itemsFork0 + itemsFork1) / 2, row.stats().median(), EPSILON);
        assertNotEquals(primaryFork0, row.stats().max(), 1.0);
    }

    @Test
    void parse_averageTimeResult_usesPrimaryMetricLowerIsBetter() throws ReportException {
        final ResultRow row = TestFiles.row(TestFiles.parse(TestFiles.GC_SAMPLE), "mpsc", "JctoolsMpsc",
            "submitTake");

        assertEquals("primary (avgt)", row.metric());
        assertEquals("ns/op", row.unit());
        assertEquals(Direction.LOWER_IS_BETTER, row.direction());
        assertEquals(16.097839112931247, row.stats().median(), EPSILON);
    }

    @Test
    void parse_throughputWithoutItems_usesPrimaryMetricHigherIsBetter() throws ReportException {
        final String json = """
            [{"benchmark": "org.capring.bench.throughput.CapringSq.plain", "mode": "thrpt",
              "primaryMetric": {"scoreUnit": "ops/us", "rawData": [[3.0, 5.0]]}}]
            """;

        final ResultRow row = JmhResultParser.parse(json, "inline").rows().getFirst();

        assertEquals("primary (thrpt)", row.metric());
        assertEquals("ops/us", row.unit());
        assertEquals(Direction.HIGHER_IS_BETTER, row.direction());
        assertEquals(4.0, row.stats().median(), EPSILON);
    }

    @Test
    void parse_sampleModeWithHistogramOnly_forkScoreIsMeanOfIterationMeans() throws ReportException {
        // Fork 0: iterations with means (10·1 + 20·3)/4 = 17.5 and 30; fork 1: one iteration of mean 40.
        final String json = """
            [{"benchmark": "org.capring.bench.roundtrip.CapringRing.sampled", "mode": "sample",
              "primaryMetric": {"scoreUnit": "ns/op",
                "rawDataHistogram": [[[[10.0, 1], [20.0, 3]], [[30.0, 2]]], [[[40.0, 5]]]]}}]
            """;

        final ResultRow row = JmhResultParser.parse(json, "inline").rows().getFirst();

        assertEquals(Direction.LOWER_IS_BETTER, row.direction());
        assertEquals(List.of(23.75, 40.0), row.stats().forkScores());
    }

    @Test
    void parse_gcSample_allocIsMedianOfForkMeans() throws ReportException {
        final ResultRow row = TestFiles.row(TestFiles.parse(TestFiles.GC_SAMPLE), "roundtrip", "CapringRing",
            "roundTrip");

        final double fork0 = (0.011754146950589489 + 0.017710343544792354) / 2;
        final double fork1 = (0.012940664113977388 + 0.015213739300156544) / 2;
        assertEquals((fork0 + fork1) / 2, row.allocBytesPerOp().orElseThrow(), EPSILON);
        assertTrue(row.allocatesNothing());
        assertEquals("0", Numbers.alloc(row.allocBytesPerOp()));
    }

    @Test
    void parse_runWithoutGcProfiler_allocIsAbsent() throws ReportException {
        final ResultRow row = TestFiles.row(TestFiles.parse(TestFiles.ROUNDTRIP_SAMPLE), "roundtrip", "CapringRing",
            "roundTrip");

        assertTrue(row.allocBytesPerOp().isEmpty());
        assertEquals("n/a", Numbers.alloc(row.allocBytesPerOp()));
    }

    @Test
    void parse_legacyDotPrefixedMetricNames_areRecognised() throws ReportException {
        final String json = """
            [{"benchmark": "org.capring.bench.mpsc.CapringMpsc.submitTake", "mode": "avgt",
              "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[25.0]]},
              "secondaryMetrics": {"\u00b7gc.alloc.rate.norm": {"scoreUnit": "B/op", "rawData": [[24.04]]}}}]
            """;

        final ResultRow row = JmhResultParser.parse(json, "inline").rows().getFirst();

        assertEquals("24.0", Numbers.alloc(row.allocBytesPerOp()));
        assertFalse(row.allocatesNothing());
    }

    @Test
    void parse_params_becomePartOfTheKey() throws ReportException {
        final JmhResults results = TestFiles.parse(TestFiles.TARGETS);

        final List<RowKey> callKeys = results.rows().stream().map(ResultRow::key)
            .filter(key -> key.measure().equals("call")).distinct().toList();

        assertEquals(List.of(new RowKey("call", "echo", new TreeMap<>(Map.of("callers", "1"))),
            new RowKey("call", "echo", new TreeMap<>(Map.of("callers", "100")))), callKeys);
        assertEquals("call / echo (callers=100)", callKeys.get(1).title());
        assertEquals("call-echo-callers-100", callKeys.get(1).fileStem());
    }

    @Test
    void parse_gcSample_collectsRunSettings() throws ReportException {
        final RunInfo run = TestFiles.parse(TestFiles.GC_SAMPLE).run();

        assertEquals("1.37", run.jmhVersion());
        assertEquals("25.0.3", run.jdkVersion());
        assertEquals("OpenJDK 64-Bit Server VM", run.vmName());
        assertEquals("2", run.forks());
        assertEquals("2 / 1", run.threads());
        assertEquals("1 × 300 ms", run.warmup());
        assertEquals("2 × 300 ms", run.measurement());
        assertEquals(1, run.jvmArgs().size());
        assertTrue(run.jvmArgs().getFirst().contains("-XX:+AlwaysPreTouch"));
    }

    @Test
    void parse_handWrittenResultsWithoutSettings_reportSettingsAsUnknown() throws ReportException {
        final RunInfo run = TestFiles.parse(TestFiles.NAMES_MIXED).run();

        assertEquals(RunInfo.UNKNOWN, run.jdkVersion());
        assertEquals("1", run.forks());
    }

    @Test
    void parse_unconventionalNames_skipsThemWithAWarningEach() throws ReportException {
        final JmhResults results = TestFiles.parse(TestFiles.NAMES_MIXED);

        assertEquals(1, results.rows().size());
        assertEquals(3, results.entries());
        assertEquals(2, results.warnings().size());
        assertTrue(results.warnings().getFirst().startsWith("skipped org.capring.bench.CapringMpsc.submitTake"),
            results.warnings().getFirst());
        assertTrue(results.warnings().get(1).startsWith("skipped com.example.mpsc.JctoolsMpsc.submitTake"));
    }

    @Test
    void parse_repeatedResult_keepsTheFirstAndWarns() throws ReportException {
        final String json = """
            [{"benchmark": "org.capring.bench.mpsc.CapringMpsc.submitTake", "mode": "avgt",
              "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[25.0]]}},
             {"benchmark": "org.capring.bench.mpsc.CapringMpsc.submitTake", "mode": "avgt",
              "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[99.0]]}}]
            """;

        final JmhResults results = JmhResultParser.parse(json, "inline");

        assertEquals(1, results.rows().size());
        assertEquals(25.0, results.rows().getFirst().stats().median());
        assertEquals(1, results.warnings().size());
    }

    @Test
    void parse_sameBenchmarkInASecondMode_keepsTheFirstModeAndSaysSo() throws ReportException {
        final String json = """
            [{"benchmark": "org.capring.bench.mpsc.CapringMpsc.submitTake", "mode": "avgt",
              "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[25.0]]}},
             {"benchmark": "org.capring.bench.mpsc.CapringMpsc.submitTake", "mode": "sample",
              "primaryMetric": {"scoreUnit": "ns/op", "rawData": [[30.0]]}}]
            """;

        final JmhResults results = JmhResultParser.parse(json, "inline");

        assertEquals(List.of("primary (avgt)"), results.rows().stream().map(ResultRow::metric).toList());
        assertTrue(results.warnings().getFirst().contains("(mode sample; one mode per benchmark is reported)"),
            results.warnings().getFirst());
    }

    @Test
    void parse_noConventionalName_rejectsWithNoConventionalResults() {
        final var e = assertThrows(ReportException.class, () -> TestFiles.parse(TestFiles.NAMES_NONE));

        assertEquals(ReportException.Reason.NO_CONVENTIONAL_RESULTS, e.reason());
    }

    @Test
    void parse_missingFile_rejectsWithMissingInput(@TempDir final Path dir) {
        final var e = assertThrows(ReportException.class, () -> JmhResultParser.parse(dir.resolve("jmh.json")));

        assertEquals(ReportException.Reason.MISSING_INPUT, e.reason());
        assertTrue(e.getMessage().contains("jmh.json"), e.getMessage());
    }

    @Test
    void parse_directory_rejectsWithUnreadableInput(@TempDir final Path dir) throws IOException {
        final Path notAFile = Files.createDirectory(dir.resolve("jmh.json"));

        final var e = assertThrows(ReportException.class, () -> JmhResultParser.parse(notAFile));

        assertEquals(ReportException.Reason.UNREADABLE_INPUT, e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n", "[{\"benchmark\": ", "not json", "[] []", "[{'benchmark': 1}]"})
    void parse_invalidJson_rejectsWithInvalidJson(final String json) {
        final var e = assertThrows(ReportException.class, () -> JmhResultParser.parse(json, "inline"));

        assertEquals(ReportException.Reason.INVALID_JSON, e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"benchmark\": \"x\"}", "42", "\"text\"", "null"})
    void parse_jsonThatIsNotAList_rejectsWithNotAResultList(final String json) {
        final var e = assertThrows(ReportException.class, () -> JmhResultParser.parse(json, "inline"));

        assertEquals(ReportException.Reason.NOT_A_RESULT_LIST, e.reason());
    }

    @Test
    void parse_emptyList_rejectsWithEmptyResults() {
        final var e = assertThrows(ReportException.class, () -> JmhResultParser.parse("[ ]", "inline"));

        assertEquals(ReportException.Reason.EMPTY_RESULTS, e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[42]",
        "[{\"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\": \"ns/op\", \"rawData\": [[1.0]]}}]",
        "[{\"benchmark\": \"org.capring.bench.mpsc.CapringMpsc.t\", \"mode\": \"avgt\"}]",
        "[{\"benchmark\": \"org.capring.bench.mpsc.CapringMpsc.t\", \"primaryMetric\": "
            + "{\"scoreUnit\": \"ns/op\", \"rawData\": [[1.0]]}}]",
        "[{\"benchmark\": \"org.capring.bench.mpsc.CapringMpsc.t\", \"mode\": \"avgt\", \"primaryMetric\": "
            + "{\"scoreUnit\": \"ns/op\"}}]",
        "[{\"benchmark\": \"org.capring.bench.mpsc.CapringMpsc.t\", \"mode\": \"avgt\", \"primaryMetric\": "
            + "{\"rawData\": [[1.0]]}}]",
        "[{\"benchmark\": \"org.capring.bench.mpsc.CapringMpsc.t\", \"mode\": \"avgt\", \"primaryMetric\": "
            + "{\"scoreUnit\": \"ns/op\", \"rawData\": []}}]",
        "[{\"benchmark\": \"org.capring.bench.mpsc.CapringMpsc.t\", \"mode\": \"avgt\", \"primaryMetric\": "
            + "{\"scoreUnit\": \"ns/op\", \"rawData\": [[]]}}]",
        "[{\"benchmark\": \"org.capring.bench.mpsc.CapringMpsc.t\", \"mode\": \"avgt\", \"primaryMetric\": "
            + "{\"scoreUnit\": \"ns/op\", \"rawData\": [[\"fast\"]]}}]",
        "[{\"benchmark\": \"org.capring.bench.mpsc.CapringMpsc.t\", \"mode\": \"fastest\", \"primaryMetric\": "
            + "{\"scoreUnit\": \"ns/op\", \"rawData\": [[1.0]]}}]",
        "[{\"benchmark\": \"org.capring.bench.mpsc.CapringMpsc.t\", \"mode\": \"avgt\", \"primaryMetric\": "
            + "{\"scoreUnit\": \"ns/op\", \"rawData\": [[1.0]]}, \"params\": [1]}]"
    })
    void parse_resultMissingARequiredPart_rejectsWithMalformedResult(final String json) {
        final var e = assertThrows(ReportException.class, () -> JmhResultParser.parse(json, "inline"));

        assertEquals(ReportException.Reason.MALFORMED_RESULT, e.reason());
        assertTrue(e.getMessage().contains("result #0"), e.getMessage());
    }
}
