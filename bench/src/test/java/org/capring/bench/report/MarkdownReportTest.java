package org.capring.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static final MachineInfo MACHINE = new MachineInfo("Test CPU", 4, "Linux", "6.1", "amd64",
        "2026-01-02T03:04:05Z");

    @Test
    void render_rowsMeasuredDifferently_showsHowEachWasMeasuredAndComparesOnlyAlikeRows() throws ReportException {
        final String json = """
            [{"benchmark": "org.capring.bench.throughput.CapringSq.batched", "mode": "thrpt",
              "primaryMetric": {"scoreUnit": "ops/s", "rawData": [[1.0]]},
              "secondaryMetrics": {"items": {"scoreUnit": "ops/s", "rawData": [[300.0]]}}},
             {"benchmark": "org.capring.bench.throughput.AgronaOneToOne.batched", "mode": "thrpt",
              "primaryMetric": {"scoreUnit": "ops/s", "rawData": [[100.0]]}},
             {"benchmark": "org.capring.bench.throughput.JctoolsSpscRecords.batched", "mode": "thrpt",
              "primaryMetric": {"scoreUnit": "ops/s", "rawData": [[1.0]]},
              "secondaryMetrics": {"items": {"scoreUnit": "ops/s", "rawData": [[150.0]]}}}]
            """;

        final String md = render(JmhResultParser.parse(json, "inline"), Set.of());

        assertTrue(md.contains("| Subject | Measured as | Forks |"), md);
        assertTrue(md.contains("| AgronaOneToOne | primary (thrpt) scores in ops/s, higher is better | 1 |"), md);
        assertTrue(md.contains("| CapringSq | JctoolsSpscRecords | 2.00× | 2.00× | 2.00× |"), md);
        assertFalse(md.contains("| CapringSq | AgronaOneToOne |"), md);
        assertTrue(md.contains("Note: not compared (measured in different metrics or units): "
            + "CapringSq vs AgronaOneToOne."), md);
    }

    @Test
    void render_parameterValuesWithPipes_areEscapedInTables() throws ReportException {
        final String json = """
            [{"benchmark": "org.capring.bench.call.CapringCall.echo", "mode": "avgt", "params": {"shape": "a|b"},
              "primaryMetric": {"scoreUnit": "us/op", "rawData": [[1.0]]}}]
            """;
        final var target = new Target("5.1", "calls", "call", Target.ANY, "CapringCall",
            Criterion.atLeast("GrpcCall", 2.0));

        final JmhResults results = JmhResultParser.parse(json, "inline");
        final List<RowGroup> groups = RowGroup.of(results.rows());
        final String md = MarkdownReport.render(new ReportModel(results, MACHINE, "", groups,
            TargetEvaluator.evaluate(List.of(target), results.rows()), Set.of(groups.getFirst().key()), List.of()));

        assertTrue(md.contains("| call / echo (shape=a\\|b) |"), md);
        assertTrue(md.contains("### call / echo (shape=a|b)"), md);
        assertTrue(md.contains("](charts/call-echo-shape-a_b.svg)"), md);
    }

    @Test
    void render_matrixTargets_listEveryCellWorstFirst() throws ReportException {
        final String md = render(TestFiles.parse(TestFiles.TARGETS), Set.of());

        assertTrue(md.contains("## Target cells"), md);
        final int section = md.indexOf("### 1.1: one-entry submit");
        assertTrue(section > 0, md);
        final int worst = md.indexOf("| throughput / transfer (spinWait=onSpinWait, submit=1) | **MISSED** | 2.50× |",
            section);
        final int better = md.indexOf("| throughput / transfer (spinWait=busy, submit=1) | **MET** | 4.29× |", section);
        assertTrue(worst > section && better > worst, "worst cell first: " + md);
        assertTrue(md.contains("| 1.1 | one-entry submit at least 3× Agrona's one-to-one ring buffer (SIGNAL, the "
            + "default) | throughput / transfer where submit=1 (2 cells) |"), md);
    }

    @Test
    void render_parameterMatrix_printsASensitivityTableWithTheWorstCellPerPeer() throws ReportException {
        final String md = render(TestFiles.parse(TestFiles.TARGETS), Set.of());

        assertTrue(md.contains("## Sensitivity"), md);
        assertTrue(md.contains("### throughput / transfer: CapringSq\n\n"
            + "| spinWait | submit | CapringSq (median) | vs AgronaOneToOne | vs JctoolsSpscRecords |\n"
            + "|---|---|--:|--:|--:|\n"
            + "| busy | 1 | 450.0 | 4.29× | 2.00× |\n"
            + "| busy | 32 | 700.0 | 7.00× | — |\n"
            + "| onSpinWait | 1 | 250.0 | 2.50× | — |\n"
            + "| onSpinWait | 32 | 600.0 | 6.00× | — |\n"
            + "| **worst** | | | **2.50×** | **2.00×** |\n"), md);
        assertTrue(md.contains("### roundtrip / roundTrip: CapringRingSpsc"), md);
        assertFalse(md.contains("### mpsc / submitTake: CapringMpscPoll"), "no such rows");
    }

    @Test
    void render_sameModel_givesTheSameText() throws ReportException {
        final JmhResults results = TestFiles.parse(TestFiles.GC_SAMPLE);

        assertEquals(render(results, Set.of()), render(results, Set.of()));
    }

    @Test
    void render_chartNotWritten_omitsItsImageLink() throws ReportException {
        final JmhResults results = TestFiles.parse(TestFiles.GC_SAMPLE);
        final RowKey mpsc = results.rows().stream().map(ResultRow::key).filter(k -> k.measure().equals("mpsc"))
            .findFirst().orElseThrow();

        final String md = render(results, Set.of(mpsc));

        assertTrue(md.contains("![mpsc / submitTake](charts/mpsc-submitTake.svg)"));
        assertFalse(md.contains("charts/roundtrip-roundTrip.svg"));
    }

    private static String render(final JmhResults results, final Set<RowKey> charted) {
        return MarkdownReport.render(new ReportModel(results, MACHINE, "quick", RowGroup.of(results.rows()),
            TargetEvaluator.evaluate(Targets.DEFAULT, results.rows()), charted, results.warnings()));
    }
}
