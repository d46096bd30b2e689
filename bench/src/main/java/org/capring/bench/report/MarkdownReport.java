package org.capring.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link ReportModel} as the Markdown file {@value #FILE_NAME}: title, how to read it, environment,
 * targets, warnings, then one section per measure with a table, the ratios and the chart of each row key.
 * The output depends only on the model, so regenerating a report from the same files gives the same text.
 */
public final class MarkdownReport {
    /** The file name, inside the run directory. */
    public static final String FILE_NAME = "report.md";

    private static final String HOW_TO_READ = """
        Every benchmark ran in several separate JVMs (JMH forks). A fork's score is the mean of its measurement \
        iterations, and the tables give the minimum, median and maximum over forks instead of one averaged number: \
        on a virtualised or shared host the scheduler places the producer and consumer threads differently in each \
        fork (same core, sibling hyperthreads, different sockets), so forks differ for real reasons and the spread \
        is part of the result. Throughput rows count items delivered per second (the `items` counter) rather than \
        JMH operations; time rows are per operation.

        *capring advantage* is always oriented so that **above 1 means capring is better**: capring ÷ peer for \
        rates (higher is better), peer ÷ capring for times (lower is better). *(median)* compares the two median \
        forks and is what targets are judged on; *(best fork)* compares each side's best fork, i.e. what both reach \
        when the placement is favourable; *(worst fork)* compares the worst. *Alloc* is JMH's \
        `gc.alloc.rate.norm` (bytes allocated per operation, median over forks, needs `-prof gc`), printed as 0 \
        below 0.5 B/op where JMH's own bookkeeping dominates.
        """;

    private MarkdownReport() {
    }

    /**
     * @param model what to show
     * @return the Markdown text, lines ending in {@code \n}
     */
    public static String render(final ReportModel model) {
        final var md = new StringBuilder();
        title(md, model);
        md.append("## How to read this\n\n").append(HOW_TO_READ).append('\n');
        environment(md, model);
        targets(md, model.targets());
        targetCells(md, model.targets());
        warnings(md, model.warnings());
        sensitivities(md, Sensitivity.of(model.groups()));
        final var byMeasure = new LinkedHashMap<String, List<RowGroup>>();
        for (final RowGroup group : model.groups()) {
            byMeasure.computeIfAbsent(group.key().measure(), _ -> new ArrayList<>()).add(group);
        }
        byMeasure.forEach((measure, groups) -> {
            md.append("## ").append(measure).append("\n\n");
            for (final RowGroup group : groups) {
                group(md, group, model.charted().contains(group.key()));
            }
        });
        return md.toString();
    }

    private static void title(final StringBuilder md, final ReportModel model) {
        final String runDate = model.machine().runDate();
        final String day = runDate.length() >= 10 && !runDate.equals(MachineInfo.UNKNOWN)
            ? runDate.substring(0, 10) : "date unknown";
        md.append("# capring benchmark report, run of ").append(day).append("\n\n");
        final JmhResults results = model.results();
        md.append("Run finished ").append(runDate).append(" on ").append(model.machine().cpuModel()).append(" (")
            .append(model.machine().logicalCores()).append(" logical cores)")
            .append(model.profile().isEmpty() ? "" : ", profile `" + model.profile() + "`")
            .append(". ").append(results.rows().size()).append(" of ").append(results.entries())
            .append(" results reported").append(results.warnings().isEmpty() ? "" : " (see Warnings)")
            .append(".");
        if (!model.targets().isEmpty()) {
            md.append(" Targets: ").append(statusCounts(model.targets())).append('.');
        }
        md.append("\n\n");
    }

    private static void environment(final StringBuilder md, final ReportModel model) {
        final RunInfo run = model.results().run();
        final MachineInfo machine = model.machine();
        md.append("## Environment\n\n| Setting | Value |\n|---|---|\n");
        row(md, "JDK", run.jdkVersion() + " (" + run.vmName() + " " + run.vmVersion() + ")");
        row(md, "JVM", code(run.jvm()));
        row(md, "JVM args", run.jvmArgs().isEmpty() ? "none"
            : run.jvmArgs().stream().map(MarkdownReport::code).collect(Collectors.joining("<br>")));
        row(md, "JMH", run.jmhVersion());
        row(md, "Forks per benchmark", run.forks());
        row(md, "Warmup per fork", run.warmup());
        row(md, "Measurement per fork", run.measurement());
        row(md, "Threads per benchmark", run.threads());
        row(md, "Profile", model.profile().isEmpty() ? "not given" : model.profile());
        row(md, "CPU", machine.cpuModel());
        row(md, "Logical cores", Integer.toString(machine.logicalCores()));
        row(md, "OS", machine.osName() + " " + machine.osVersion() + " (" + machine.osArch() + ")");
        md.append('\n');
    }

    private static void targets(final StringBuilder md, final List<TargetResult> results) {
        md.append("## Targets\n\n");
        if (results.isEmpty()) {
            md.append("No targets are defined.\n\n");
            return;
        }
        md.append(statusCounts(results)).append(".\n\n");
        md.append("| # | Target | Rows | Required | Status | capring advantage (median) | (best fork) | Note |\n")
            .append("|---|---|---|---|---|--:|--:|---|\n");
        for (final TargetResult result : results) {
            final Target target = result.target();
            md.append("| ").append(cell(target.id()))
                .append(" | ").append(cell(target.text()))
                .append(" | ").append(cell(result.scope()))
                .append(" | ").append(cell(target.subject() + " " + target.criterion().requirement()))
                .append(" | ").append(status(result.status()))
                .append(" | ").append(Numbers.ratio(result.medianAdvantage()))
                .append(" | ").append(Numbers.ratio(result.bestForkAdvantage()))
                .append(" | ").append(cell(result.note()))
                .append(" |\n");
        }
        md.append('\n');
    }

    /** Every cell of each target judged on more than one cell, so that no verdict hides its worst case. */
    private static void targetCells(final StringBuilder md, final List<TargetResult> results) {
        final List<TargetResult> matrices = results.stream().filter(result -> !result.cells().isEmpty()).toList();
        if (matrices.isEmpty()) {
            return;
        }
        md.append("## Target cells\n\n")
            .append("A target holds only if it holds in every cell it covers; each table lists them, worst first.\n\n");
        for (final TargetResult result : matrices) {
            md.append("### ").append(cell(result.target().id())).append(": ").append(cell(result.target().text()))
                .append("\n\n").append(status(result.status())).append(": ").append(cell(result.note()))
                .append(".\n\n| Cell | Status | capring advantage (median) | (best fork) | Note |\n")
                .append("|---|---|--:|--:|---|\n");
            final List<TargetResult> worstFirst = result.cells().stream()
                .sorted((a, b) -> Double.compare(a.medianAdvantage().orElse(Double.NEGATIVE_INFINITY),
                    b.medianAdvantage().orElse(Double.NEGATIVE_INFINITY)))
                .toList();
            for (final TargetResult cellResult : worstFirst) {
                md.append("| ").append(cell(cellResult.scope()))
                    .append(" | ").append(status(cellResult.status()))
                    .append(" | ").append(Numbers.ratio(cellResult.medianAdvantage()))
                    .append(" | ").append(Numbers.ratio(cellResult.bestForkAdvantage()))
                    .append(" | ").append(cell(cellResult.note()))
                    .append(" |\n");
            }
            md.append('\n');
        }
    }

    /** capring's advantage over each peer in every cell of each parameter matrix, with the worst cell per peer. */
    private static void sensitivities(final StringBuilder md, final List<Sensitivity> sensitivities) {
        if (sensitivities.isEmpty()) {
            return;
        }
        md.append("## Sensitivity\n\n")
            .append("For each capring subject measured over a parameter matrix: its median in every cell and its "
                + "advantage over each peer there (median fork against median fork, above 1 means capring is better). "
                + "The last line is the worst cell for each peer.\n\n");
        for (final Sensitivity sensitivity : sensitivities) {
            md.append("### ").append(sensitivity.title()).append("\n\n|");
            sensitivity.params().forEach(param -> md.append(' ').append(cell(param)).append(" |"));
            md.append(' ').append(sensitivity.subject()).append(" (median) |");
            sensitivity.peers().forEach(peer -> md.append(" vs ").append(cell(peer)).append(" |"));
            md.append("\n|");
            sensitivity.params().forEach(param -> md.append("---|"));
            md.append("--:|");
            sensitivity.peers().forEach(peer -> md.append("--:|"));
            md.append('\n');
            for (final Sensitivity.Cell c : sensitivity.cells()) {
                md.append('|');
                sensitivity.params().forEach(param -> md.append(' ')
                    .append(cell(String.valueOf(c.key().params().get(param)))).append(" |"));
                md.append(' ').append(Numbers.score(c.capring().stats().median())).append(" |");
                for (final String peer : sensitivity.peers()) {
                    final Comparison comparison = c.byPeer().get(peer);
                    md.append(' ').append(comparison == null ? "—" : Numbers.ratio(comparison.medianAdvantage()))
                        .append(" |");
                }
                md.append('\n');
            }
            md.append("| **worst** |");
            for (int i = 1; i < sensitivity.params().size(); i++) {
                md.append(" |");
            }
            md.append(" |");
            for (final String peer : sensitivity.peers()) {
                md.append(" **").append(Numbers.ratio(sensitivity.worst(peer))).append("** |");
            }
            md.append("\n\n");
        }
    }

    private static String statusCounts(final List<TargetResult> results) {
        final var counts = new LinkedHashMap<TargetResult.Status, Integer>();
        for (final TargetResult.Status status : TargetResult.Status.values()) {
            counts.put(status, 0);
        }
        results.forEach(result -> counts.merge(result.status(), 1, Integer::sum));
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
            .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
    }

    private static void warnings(final StringBuilder md, final List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        md.append("## Warnings\n\n");
        warnings.forEach(warning -> md.append("- ").append(warning).append('\n'));
        md.append('\n');
    }

    private static void group(final StringBuilder md, final RowGroup group, final boolean charted) {
        final RowKey key = group.key();
        md.append("### ").append(key.title()).append("\n\n");
        final boolean uniform = group.rows().stream().map(MarkdownReport::measuredAs).distinct().count() == 1;
        if (uniform) {
            md.append("Per-fork ").append(measuredAs(group.rows().getFirst())).append(".\n\n");
        } else {
            md.append("Per-fork scores; rows measured differently (see Measured as) are not compared.\n\n");
        }
        md.append("| Subject |").append(uniform ? "" : " Measured as |")
            .append(" Forks | Min | Median | Max | Alloc (B/op) |\n")
            .append("|---|").append(uniform ? "" : "---|").append("--:|--:|--:|--:|--:|\n");
        for (final ResultRow row : group.rows()) {
            final var stats = row.stats();
            md.append("| ").append(row.isCapring() ? "**" + row.subject() + "**" : row.subject())
                .append(" |").append(uniform ? "" : " " + cell(measuredAs(row)) + " |")
                .append(' ').append(stats.forks())
                .append(" | ").append(Numbers.score(stats.min()))
                .append(" | ").append(Numbers.score(stats.median()))
                .append(" | ").append(Numbers.score(stats.max()))
                .append(" | ").append(Numbers.alloc(row.allocBytesPerOp()))
                .append(" |\n");
        }
        md.append('\n');
        if (group.comparisons().isEmpty()) {
            md.append("No capring-versus-peer pair to compare here.\n\n");
        } else {
            md.append("| capring | peer | capring advantage (median) | (best fork) | (worst fork) |\n")
                .append("|---|---|--:|--:|--:|\n");
            for (final Comparison comparison : group.comparisons()) {
                md.append("| ").append(comparison.capring().subject())
                    .append(" | ").append(comparison.peer().subject())
                    .append(" | ").append(Numbers.ratio(comparison.medianAdvantage()))
                    .append(" | ").append(Numbers.ratio(comparison.bestForkAdvantage()))
                    .append(" | ").append(Numbers.ratio(comparison.worstForkAdvantage()))
                    .append(" |\n");
            }
            md.append('\n');
        }
        if (!group.problem().isEmpty()) {
            md.append("Note: ").append(group.problem()).append(".\n\n");
        }
        if (charted) {
            md.append("![").append(key.title()).append("](").append(ChartWriter.svgPath(key)).append(")\n\n");
        }
    }

    private static String measuredAs(final ResultRow row) {
        return row.metric() + " scores in " + row.unit() + ", " + row.direction().label();
    }

    private static void row(final StringBuilder md, final String name, final String value) {
        md.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
    }

    private static String status(final TargetResult.Status status) {
        return status == TargetResult.Status.INFO ? status.label() : "**" + status.label() + "**";
    }

    private static String code(final String text) {
        return "`" + text.replace("`", "'") + "`";
    }

    private static String cell(final String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
