package org.capring.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Turns a JMH run directory into a report. Command line: {@code ReportMain <runDir> [profile]}.
 *
 * <p>Reads {@code <runDir>/jmh.json} and writes, replacing earlier versions:
 * <ul>
 *   <li>{@code report.md}: environment, targets, per-measure tables, ratios and chart links
 *       ({@link MarkdownReport});</li>
 *   <li>{@code charts/<measure>-<variant>[-<param>-<value>…].svg} and {@code .png} ({@link ChartWriter});</li>
 *   <li>{@code summary.csv}, one line per row ({@link SummaryCsv});</li>
 *   <li>{@code machine.json}, only when absent ({@link MachineInfo}): a report regenerated later keeps the facts of
 *       the machine that ran the benchmarks.</li>
 * </ul>
 *
 * <p>Exit status: {@value #EXIT_OK} on success (skipped results and unwritten charts are listed under "Warnings" in
 * the report and on stderr), {@value #EXIT_FAILED} when the input is missing or invalid or an output cannot be
 * written (a {@link ReportException}, its message on stderr), {@value #EXIT_USAGE} on a wrong command line.
 *
 * {@snippet lang = "shell" :
 * java -cp bench/target/benchmarks.jar org.capring.bench.report.ReportMain results/2026-01-01T1200-cpu-2c quick
 * }
 */
public final class ReportMain {
    /** Exit status of a successful run. */
    public static final int EXIT_OK = 0;
    /** Exit status when the input is missing or invalid, or an output cannot be written. */
    public static final int EXIT_FAILED = 1;
    /** Exit status of a wrong command line. */
    public static final int EXIT_USAGE = 2;
    /** The JMH result file read from the run directory. */
    public static final String INPUT_FILE = "jmh.json";

    private static final String USAGE = "usage: ReportMain <runDir> [profile]\n"
        + "  reads <runDir>/" + INPUT_FILE + "; writes report.md, summary.csv, charts/*.svg|png and, if absent, "
        + "machine.json";

    static {
        // Before any AWT class loads: charts render without a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportMain() {
    }

    /**
     * What one report generation wrote.
     *
     * @param report   the Markdown report
     * @param summary  the CSV summary
     * @param machine  the machine facts (written now or kept from before)
     * @param charts   the chart files written, SVG and PNG
     * @param model    what the report shows
     */
    public record Output(Path report, Path summary, Path machine, List<Path> charts, ReportModel model) {
        /**
         * @throws NullPointerException if any component is null
         */
        public Output {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(machine, "machine");
            charts = List.copyOf(charts);
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * Command-line entry point; exits the JVM with a non-zero status on failure.
     *
     * @param args {@code <runDir> [profile]}
     */
    public static void main(final String[] args) {
        final int status = run(args, System.out, System.err);
        if (status != EXIT_OK) {
            System.exit(status);
        }
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args {@code <runDir> [profile]}
     * @param out  receives the path of the report
     * @param err  receives usage, warnings and the failure message
     * @return the exit status: {@value #EXIT_OK}, {@value #EXIT_FAILED} or {@value #EXIT_USAGE}
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.println(USAGE);
            return EXIT_OK;
        }
        if (args.length < 1 || args.length > 2 || args[0].isBlank()) {
            err.println(USAGE);
            return EXIT_USAGE;
        }
        try {
            final Output output = generate(Path.of(args[0]), args.length == 2 ? args[1] : "", Targets.DEFAULT);
            for (final String warning : output.model().warnings()) {
                err.println("capring report: warning: " + warning);
            }
            out.println("capring report: " + output.report());
            return EXIT_OK;
        } catch (final ReportException e) {
            err.println("capring report: " + e.reason() + ": " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /**
     * Generates the report of one run directory.
     *
     * @param runDir  the directory holding {@value #INPUT_FILE}
     * @param profile the run profile to name in the report, or "" for none
     * @param targets the targets to judge
     * @return what was written
     * @throws ReportException {@code MISSING_INPUT} if {@code runDir} or its {@value #INPUT_FILE} does not exist;
     *                         any reason of {@link JmhResultParser#parse(Path)} and
     *                         {@link MachineInfo#readOrRecord}; {@code OUTPUT_FAILED} if the report, the summary or
     *                         the charts directory cannot be written
     */
    public static Output generate(final Path runDir, final String profile, final List<Target> targets)
        throws ReportException {
        if (!Files.isDirectory(runDir)) {
            throw new ReportException(ReportException.Reason.MISSING_INPUT,
                runDir + " is not a directory (expected a run directory holding " + INPUT_FILE + ")");
        }
        final Path input = runDir.resolve(INPUT_FILE);
        final JmhResults results = JmhResultParser.parse(input);
        final MachineInfo machine = MachineInfo.readOrRecord(runDir, () -> MachineInfo.detect(modified(input)));
        final List<RowGroup> groups = RowGroup.of(results.rows());
        final List<TargetResult> verdicts = TargetEvaluator.evaluate(targets, results.rows());

        final var warnings = new ArrayList<>(results.warnings());
        final var charted = new HashSet<RowKey>();
        final var charts = new ArrayList<Path>();
        final Path chartsDir = runDir.resolve(ChartWriter.DIRECTORY);
        try {
            Files.createDirectories(chartsDir);
        } catch (final IOException e) {
            throw new ReportException(ReportException.Reason.OUTPUT_FAILED, "cannot create " + chartsDir, e);
        }
        for (final RowGroup group : groups) {
            try {
                charts.addAll(ChartWriter.write(group, chartsDir));
                charted.add(group.key());
            } catch (final IOException | RuntimeException e) {
                // A chart that fails to render (no fonts on a bare host, say) must not cost the tables.
                warnings.add("chart for " + group.key().title() + " not written: " + e);
            }
        }
        for (final RowGroup group : groups) {
            if (!group.problem().isEmpty()) {
                warnings.add(group.key().title() + ": " + group.problem());
            }
        }

        final var model = new ReportModel(results, machine, profile, groups, verdicts, charted, warnings);
        final Path summary = write(runDir.resolve(SummaryCsv.FILE_NAME), SummaryCsv.render(groups));
        final Path report = write(runDir.resolve(MarkdownReport.FILE_NAME), MarkdownReport.render(model));
        return new Output(report, summary, runDir.resolve(MachineInfo.FILE_NAME), charts, model);
    }

    private static Instant modified(final Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (final IOException e) {
            return Instant.now();
        }
    }

    private static Path write(final Path file, final String text) throws ReportException {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new ReportException(ReportException.Reason.OUTPUT_FAILED, "cannot write " + file, e);
        }
    }
}
