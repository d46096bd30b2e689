package org.capring.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMainTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void generate_gcSample_writesReportWithEverySection(@TempDir final Path runDir) throws ReportException,
        IOException {
        TestFiles.copyAsInput(TestFiles.GC_SAMPLE, runDir);

        ReportMain.generate(runDir, "quick", Targets.DEFAULT);

        final String report = Files.readString(runDir.resolve(MarkdownReport.FILE_NAME));
        assertTrue(report.startsWith("# capring benchmark report, run of "), report);
        for (final String section : List.of("## How to read this", "## Environment", "## Targets",
            "## throughput", "## mpsc", "## roundtrip", "### throughput / batched", "### mpsc / submitTake",
            "### roundtrip / roundTrip")) {
            assertTrue(report.contains("\n" + section + "\n"), "missing " + section);
        }
        assertFalse(report.contains("## Warnings"));
        assertTrue(report.contains("| Profile | quick |"));
        assertTrue(report.contains("| JDK | 25.0.3 (OpenJDK 64-Bit Server VM 25.0.3+9-LTS) |"));
        assertTrue(report.contains("| JMH | 1.37 |"));
        assertTrue(report.contains("capring advantage (median) | (best fork)"));
        assertTrue(report.contains("![throughput / batched](charts/throughput-batched.svg)"));
        assertTrue(report.contains("| 4.1 | no allocation on the ring's hot path (throughput) |"), report);
        assertTrue(report.contains("**NOT MEASURED**"), "targets 1.2 and 1.4 have no unbatched rows");
    }

    @Test
    void generate_gcSample_ordersRowsCapringFirstThenPeersByMedian(@TempDir final Path runDir)
        throws ReportException, IOException {
        TestFiles.copyAsInput(TestFiles.GC_SAMPLE, runDir);

        ReportMain.generate(runDir, "", Targets.DEFAULT);

        final String report = Files.readString(runDir.resolve(MarkdownReport.FILE_NAME));
        final String roundtrip = report.substring(report.indexOf("### roundtrip / roundTrip"));
        // Capring by median ns: Spsc 497.9, Ring 506.4, Poll 530.1; then peers: PingPong 202.5, Pair 471.2.
        final List<String> order = List.of("| **CapringRingSpsc** |", "| **CapringRing** |",
            "| **CapringRingPoll** |", "| PaddedLongPingPong |", "| PaddedLongPair |");
        for (int i = 1; i < order.size(); i++) {
            assertTrue(roundtrip.indexOf(order.get(i - 1)) < roundtrip.indexOf(order.get(i)),
                order.get(i - 1) + " before " + order.get(i));
        }
        assertTrue(report.contains("| Profile | not given |"));
    }

    @Test
    void generate_gcSample_writesValidSvgAndPngChartsPerKey(@TempDir final Path runDir) throws ReportException,
        IOException {
        TestFiles.copyAsInput(TestFiles.GC_SAMPLE, runDir);

        final ReportMain.Output output = ReportMain.generate(runDir, "quick", Targets.DEFAULT);

        final Path charts = runDir.resolve(ChartWriter.DIRECTORY);
        for (final String stem : List.of("throughput-batched", "mpsc-submitTake", "roundtrip-roundTrip")) {
            final String svg = Files.readString(charts.resolve(stem + ".svg"));
            assertTrue(svg.startsWith("<?xml"), stem);
            assertTrue(svg.contains("<svg"), stem);
            assertTrue(svg.strip().endsWith("</svg>"), stem);
            final byte[] png = Files.readAllBytes(charts.resolve(stem + ".png"));
            assertTrue(png.length > PNG_SIGNATURE.length, stem);
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length), stem);
        }
        assertEquals(6, output.charts().size());
        try (Stream<Path> files = Files.list(charts)) {
            assertEquals(6, files.count());
        }
    }

    @Test
    void generate_parameterisedRows_nameChartsByTheirParameters(@TempDir final Path runDir) throws ReportException {
        TestFiles.copyAsInput(TestFiles.TARGETS, runDir);

        ReportMain.generate(runDir, "", Targets.DEFAULT);

        assertTrue(Files.isRegularFile(runDir.resolve("charts/call-echo-callers-1.svg")));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/call-echo-callers-100.png")));
    }

    @Test
    void generate_gcSample_writesOneSummaryLinePerRow(@TempDir final Path runDir) throws ReportException,
        IOException {
        TestFiles.copyAsInput(TestFiles.GC_SAMPLE, runDir);

        ReportMain.generate(runDir, "quick", Targets.DEFAULT);

        final List<String> lines = Files.readAllLines(runDir.resolve(SummaryCsv.FILE_NAME));
        assertEquals(String.join(",", SummaryCsv.HEADER), lines.getFirst());
        assertEquals(1 + 10, lines.size());
        final String capringSq = lines.stream().filter(line -> line.contains(",CapringSq,")).findFirst()
            .orElseThrow();
        final double median = ((24670034.685631018 + 31941634.29050476) / 2
            + (34368745.056248024 + 78311296.49229872) / 2) / 2;
        final String[] fields = capringSq.split(",", -1);
        assertEquals(List.of("throughput", "batched", "", "CapringSq", "ops/s", "2"),
            List.of(fields).subList(0, 6));
        assertEquals(median, Double.parseDouble(fields[7]), 1e-6);
        assertTrue(Double.parseDouble(fields[9]) < ResultRow.ZERO_ALLOC_BELOW);
        assertEquals("higher", fields[10]);
    }

    @Test
    void generate_twice_recordsMachineFactsOnceAndKeepsThem(@TempDir final Path runDir) throws ReportException,
        IOException {
        TestFiles.copyAsInput(TestFiles.GC_SAMPLE, runDir);

        ReportMain.generate(runDir, "quick", Targets.DEFAULT);
        final Path machine = runDir.resolve(MachineInfo.FILE_NAME);
        final String recorded = Files.readString(machine);
        ReportMain.generate(runDir, "quick", Targets.DEFAULT);

        assertEquals(recorded, Files.readString(machine));
        assertTrue(recorded.contains("\"logicalCores\""));
    }

    @Test
    void generate_keptMachineFactsFromAnotherMachine_reportsThoseFacts(@TempDir final Path runDir)
        throws ReportException, IOException {
        TestFiles.copyAsInput(TestFiles.GC_SAMPLE, runDir);
        final var elsewhere = new MachineInfo("Elsewhere CPU 9000", 96, "Linux", "5.15.0", "aarch64",
            "2026-01-02T03:04:05Z");
        Files.writeString(runDir.resolve(MachineInfo.FILE_NAME), elsewhere.toJson());

        ReportMain.generate(runDir, "full", Targets.DEFAULT);

        final String report = Files.readString(runDir.resolve(MarkdownReport.FILE_NAME));
        assertTrue(report.startsWith("# capring benchmark report, run of 2026-01-02\n"), report);
        assertTrue(report.contains("| CPU | Elsewhere CPU 9000 |"));
        assertTrue(report.contains("| Logical cores | 96 |"));
        assertTrue(report.contains("| OS | Linux 5.15.0 (aarch64) |"));
        assertEquals(elsewhere.toJson(), Files.readString(runDir.resolve(MachineInfo.FILE_NAME)));
    }

    @Test
    void generate_invalidKeptMachineFacts_rejectsAndLeavesTheFile(@TempDir final Path runDir) throws IOException {
        TestFiles.copyAsInput(TestFiles.GC_SAMPLE, runDir);
        final Path machine = Files.writeString(runDir.resolve(MachineInfo.FILE_NAME), "{\"cpuModel\": 1}");

        final var e = assertThrows(ReportException.class,
            () -> ReportMain.generate(runDir, "", Targets.DEFAULT));

        assertEquals(ReportException.Reason.INVALID_MACHINE_FILE, e.reason());
        assertEquals("{\"cpuModel\": 1}", Files.readString(machine));
        assertFalse(Files.exists(runDir.resolve(MarkdownReport.FILE_NAME)));
    }

    @Test
    void generate_unconventionalNames_reportsTheRestWithWarnings(@TempDir final Path runDir)
        throws ReportException, IOException {
        TestFiles.copyAsInput(TestFiles.NAMES_MIXED, runDir);

        final ReportMain.Output output = ReportMain.generate(runDir, "", Targets.DEFAULT);

        final String report = Files.readString(output.report());
        assertTrue(report.contains("\n## Warnings\n\n- skipped org.capring.bench.CapringMpsc.submitTake"), report);
        assertTrue(report.contains("- skipped com.example.mpsc.JctoolsMpsc.submitTake"));
        assertTrue(report.contains("1 of 3 results reported (see Warnings)"));
        assertTrue(report.contains("No capring-versus-peer pair to compare here."));
    }

    @Test
    void generate_missingRunDirectory_rejectsWithMissingInput(@TempDir final Path dir) {
        final var e = assertThrows(ReportException.class,
            () -> ReportMain.generate(dir.resolve("absent"), "", Targets.DEFAULT));

        assertEquals(ReportException.Reason.MISSING_INPUT, e.reason());
    }

    @Test
    void generate_runDirectoryWithoutJmhJson_rejectsWithMissingInputAndWritesNothing(@TempDir final Path runDir)
        throws IOException {
        final var e = assertThrows(ReportException.class, () -> ReportMain.generate(runDir, "", Targets.DEFAULT));

        assertEquals(ReportException.Reason.MISSING_INPUT, e.reason());
        try (Stream<Path> files = Files.list(runDir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void run_noArguments_printsUsageAndReturnsUsageStatus() {
        final var err = new ByteArrayOutputStream();

        final int status = ReportMain.run(new String[0], quiet(), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(ReportMain.EXIT_USAGE, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: ReportMain <runDir> [profile]"));
    }

    @Test
    void run_tooManyArguments_returnsUsageStatus() {
        assertEquals(ReportMain.EXIT_USAGE, ReportMain.run(new String[] {"a", "b", "c"}, quiet(), quiet()));
    }

    @Test
    void run_invalidJson_printsTheReasonAndReturnsFailedStatus(@TempDir final Path runDir) throws IOException {
        Files.writeString(runDir.resolve(ReportMain.INPUT_FILE), "[{\"benchmark\": ");
        final var err = new ByteArrayOutputStream();

        final int status = ReportMain.run(new String[] {runDir.toString()}, quiet(),
            new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(ReportMain.EXIT_FAILED, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("capring report: INVALID_JSON: "));
    }

    @Test
    void run_emptyResultList_returnsFailedStatus(@TempDir final Path runDir) throws IOException {
        Files.writeString(runDir.resolve(ReportMain.INPUT_FILE), "[]\n");
        final var err = new ByteArrayOutputStream();

        final int status = ReportMain.run(new String[] {runDir.toString()}, quiet(),
            new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(ReportMain.EXIT_FAILED, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("EMPTY_RESULTS"));
    }

    @Test
    void run_validRunDirectory_printsTheReportPathAndReturnsOk(@TempDir final Path runDir) {
        TestFiles.copyAsInput(TestFiles.ROUNDTRIP_SAMPLE, runDir);
        final var out = new ByteArrayOutputStream();

        final int status = ReportMain.run(new String[] {runDir.toString(), "full"},
            new PrintStream(out, true, StandardCharsets.UTF_8), quiet());

        assertEquals(ReportMain.EXIT_OK, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(runDir.resolve(MarkdownReport.FILE_NAME)
            .toString()));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/roundtrip-roundTrip.svg")));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
