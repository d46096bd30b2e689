package org.capring.stress.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.capring.report.ChartFiles;
import org.capring.stress.latency.Measure;
import org.capring.stress.latency.Window;
import org.capring.stress.ledger.Breach;
import org.capring.stress.ledger.Ledger;
import org.capring.stress.ledger.Outcome;
import org.capring.stress.scenario.EventKind;
import org.capring.stress.scenario.EventRecord;
import org.capring.stress.scenario.PlanSpec;
import org.capring.stress.scenario.RunResult;
import org.capring.stress.scenario.SaturationFinder;
import org.capring.stress.sut.Leftovers;

/**
 * Writes a run's {@code report.md}, {@code summary.json} and charts next to its HdrHistogram logs.
 */
public final class StressReport {
    /** The report's file name. */
    public static final String REPORT = "report.md";
    /** The machine-readable summary's file name. */
    public static final String SUMMARY = "summary.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final int LISTED_EVENTS = 12;
    private static final int LISTED_BREACHES = 20;

    private StressReport() {
    }

    /**
     * Writes the report, the summary and the charts into {@code dir}.
     *
     * @param run     the run
     * @param context how it came about
     * @param dir     the run's directory (where its logs are)
     * @throws IOException if a file cannot be written
     */
    public static void write(final RunResult run, final RunContext context, final Path dir) throws IOException {
        StressCharts.write(run, dir);
        Files.writeString(dir.resolve(SUMMARY), JSON.writeValueAsString(summary(run, context)) + "\n",
            StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(REPORT), markdown(run, context), StandardCharsets.UTF_8);
    }

    /**
     * @param run     the run
     * @param context how it came about
     * @return the report's text
     */
    public static String markdown(final RunResult run, final RunContext context) {
        final StringBuilder md = new StringBuilder(8192);
        final PlanSpec spec = run.plan().spec();
        md.append("# capring stress: ").append(spec.scenario().flagName()).append("\n\n");
        md.append(run.passed() ? "**PASSED**: no invariant broke.\n\n"
            : "**FAILED**: " + run.breachTotal() + " breach(es); the first: `" + run.breaches().getFirst() + "`\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "command", "`" + context.command() + "`");
        row(md, "system under test", run.system());
        row(md, "seed", Long.toString(spec.seed()));
        row(md, "rate", String.format(Locale.ROOT, "%.0f calls/s planned (%s arrivals), %.0f/s answered", spec.rate(),
            spec.arrivals().flagName(), run.achievedRate()));
        if (context.saturation() != null) {
            row(md, "saturation", context.saturation().describe() + String.format(Locale.ROOT, "; this run at %.0f %%",
                context.fraction() * 100));
        }
        row(md, "duration", spec.duration().toMillis() / 1000.0 + " s of load, " + run.plan().events().size()
            + " events planned, " + run.events().size() + " ran, " + run.skippedEvents() + " skipped");
        row(md, "started", run.started().toString());
        final Environment env = context.environment();
        row(md, "JDK", env.jdk());
        row(md, "JVM flags", "`" + String.join(" ", env.jvmFlags()) + "`");
        row(md, "CPU", env.cpuModel() + ", " + env.logicalCores() + " logical cores; " + env.os());
        md.append('\n');

        ledger(md, run);
        breaches(md, run);
        events(md, run);
        windows(md, run);
        md.append("## Charts\n\n");
        md.append("![latency over time](").append(ChartFiles.DIRECTORY).append('/').append(StressCharts.OVER_TIME)
            .append(".svg)\n\n");
        for (final Measure measure : new Measure[] {Measure.CORRECTED, Measure.UNCORRECTED}) {
            md.append("![").append(measure.label()).append(" percentile spectrum](").append(ChartFiles.DIRECTORY)
                .append('/').append(StressCharts.SPECTRUM).append(measure.label()).append(".svg)\n\n");
        }
        if (context.saturation() != null) {
            saturation(md, context.saturation());
        }
        md.append("## Files\n\n");
        md.append("`corrected.hlog`, `uncorrected.hlog`, `lag.hlog`: HdrHistogram interval logs (nanoseconds), one "
            + "interval per window tag (steady, draining, handoff, fault, after, warmup). Read them with HdrHistogram's own "
            + "tools, e.g. `java -cp stress/target/stress.jar org.HdrHistogram.HistogramLogProcessor -i corrected.hlog "
            + "-tag draining -outputValueUnitRatio 1000000` (percentiles in ms). `summary.json`: everything above, "
            + "machine-readable.\n");
        return md.toString();
    }

    private static void ledger(final StringBuilder md, final RunResult run) {
        final Ledger.Tally t = run.tally();
        md.append("## Ledger\n\nEvery intended call has exactly one outcome; the server side counted every "
            + "execution.\n\n| calls | count |\n|---|---:|\n");
        row(md, "issued", t.issued());
        for (final Outcome outcome : Outcome.values()) {
            row(md, outcome.label(), t.count(outcome));
        }
        row(md, "**lost** (no outcome)", t.lost());
        row(md, "**duplicated** (second execution or outcome)", t.duplicated());
        row(md, "**refused, yet executed**", t.refusedExecuted());
        row(md, "**answered after dispatch, not executed once**", t.notExecutedOnce());
        row(md, "late outcomes (of calls already lost)", run.lateOutcomes());
        md.append("\nBy status:\n\n| status | calls |\n|---|---:|\n");
        for (final Map.Entry<String, Long> e : t.byStatus().entrySet()) {
            row(md, e.getKey(), e.getValue());
        }
        final Leftovers left = run.leftovers();
        md.append("\nResources at the end: ").append(left == null ? "the system could not be stopped"
            : (left.clean() ? "all returned" : "**NOT all returned**") + " (slots held " + left.slotsHeld()
            + ", threads alive " + left.threadsAlive() + ", contexts open " + na(left.contextsOpen())
            + ", background tasks " + na(left.backgroundTasks()) + "; " + left.detail() + ")").append("\n\n");
    }

    private static String na(final long count) {
        return count == Leftovers.NOT_APPLICABLE ? "n/a" : Long.toString(count);
    }

    private static void breaches(final StringBuilder md, final RunResult run) {
        if (run.passed()) {
            return;
        }
        md.append("## Breaches\n\n| kind | id | detail |\n|---|---:|---|\n");
        int listed = 0;
        for (final Breach b : run.breaches()) {
            if (listed++ == LISTED_BREACHES) {
                md.append("| ... | | ").append(run.breachTotal() - LISTED_BREACHES).append(" more in summary.json |\n");
                break;
            }
            md.append("| ").append(b.kind()).append(" | ").append(b.id() == Breach.NO_CALL ? "" : b.id()).append(" | ")
                .append(b.detail().replace('|', '/')).append(" |\n");
        }
        md.append('\n');
    }

    private static void events(final StringBuilder md, final RunResult run) {
        if (run.events().isEmpty()) {
            return;
        }
        md.append("## Events\n\n| event | ran | with calls in flight at start | drained | cancelled | refused | "
            + "failed | length min / median / max |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (final Map.Entry<EventKind, EventSummary> e : EventSummary.of(run.events()).entrySet()) {
            final EventSummary s = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s / %s / %s |%n",
                e.getKey().label(), s.count(), s.withInFlight(), s.drained(), s.cancelled(), s.refused(), s.failed(),
                ms(s.minNanos()), ms(s.medianNanos()), ms(s.maxNanos())));
        }
        md.append("\nFirst events:\n\n| # | event | planned | began | took | report |\n|---:|---|---:|---:|---:|---|\n");
        for (final EventRecord e : run.events().subList(0, Math.min(LISTED_EVENTS, run.events().size()))) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %.3f s | %.3f s | %s | %s |%n", e.planned().index(),
                e.planned().kind().label(), e.planned().atNanos() / 1e9, e.startedNanos() / 1e9,
                ms(e.endedNanos() - e.startedNanos()), e.report().detail().replace('|', '/')));
        }
        md.append('\n');
    }

    private static void windows(final StringBuilder md, final RunResult run) {
        md.append("## Latency per window\n\nCorrected: from each call's intended start (what a caller on the schedule "
            + "saw). Uncorrected: from its actual submission (what a closed-loop tool would report). Lag: how late the "
            + "generator started the caller. Every answer counts, refusals included.\n\n");
        md.append("| window | measure | calls | p50 | p90 | p99 | p99.9 | p99.99 | max |\n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final Window window : Window.values()) {
            for (final Measure measure : Measure.values()) {
                final Percentiles p = Percentiles.of(run.latency().total(measure, window));
                if (p.count() == 0) {
                    continue;
                }
                md.append("| ").append(window.tag()).append(" | ").append(measure.label()).append(" | ")
                    .append(p.count()).append(" | ").append(ms(p.p50())).append(" | ").append(ms(p.p90())).append(" | ")
                    .append(ms(p.p99())).append(" | ").append(ms(p.p999())).append(" | ").append(ms(p.p9999()))
                    .append(" | ").append(ms(p.max())).append(" |\n");
            }
        }
        md.append('\n');
    }

    private static void saturation(final StringBuilder md, final SaturationFinder.Result result) {
        md.append("## Saturation search\n\n| rate asked | answered | p99 | verdict |\n|---:|---:|---:|---|\n");
        for (final SaturationFinder.Judged j : result.steps()) {
            md.append(String.format(Locale.ROOT, "| %.0f/s | %.0f/s | %s | %s |%n", j.step().rate(), j.step().achieved(),
                ms(j.step().p99Nanos()), j.why().replace('|', '/')));
        }
        md.append('\n');
    }

    private static void row(final StringBuilder md, final String name, final Object value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    /**
     * @param nanos a time
     * @return it in milliseconds, with three decimals
     */
    static String ms(final long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    /**
     * @param run     the run
     * @param context how it came about
     * @return the run as a JSON tree
     */
    public static ObjectNode summary(final RunResult run, final RunContext context) {
        final ObjectNode root = JSON.createObjectNode();
        final PlanSpec spec = run.plan().spec();
        root.put("scenario", spec.scenario().flagName());
        root.put("passed", run.passed());
        root.put("seed", spec.seed());
        root.put("rate", spec.rate());
        root.put("arrivals", spec.arrivals().flagName());
        root.put("durationSeconds", spec.duration().toMillis() / 1000.0);
        root.put("achievedRate", run.achievedRate());
        root.put("system", run.system());
        root.put("command", context.command());
        root.put("started", run.started().toString());
        if (context.saturation() != null) {
            final ObjectNode sat = root.putObject("saturation");
            sat.put("rate", context.saturation().rate());
            sat.put("fraction", context.fraction());
            sat.put("p99BoundNanos", context.saturation().bound());
            final ArrayNode steps = sat.putArray("steps");
            for (final SaturationFinder.Judged j : context.saturation().steps()) {
                steps.addObject().put("rate", j.step().rate()).put("achieved", j.step().achieved())
                    .put("p99Nanos", j.step().p99Nanos()).put("sustained", j.sustained()).put("why", j.why());
            }
        }
        final Ledger.Tally t = run.tally();
        final ObjectNode ledger = root.putObject("ledger");
        ledger.put("issued", t.issued());
        for (final Outcome outcome : Outcome.values()) {
            ledger.put(outcome.label(), t.count(outcome));
        }
        ledger.put("lost", t.lost());
        ledger.put("duplicated", t.duplicated());
        ledger.put("refusedExecuted", t.refusedExecuted());
        ledger.put("notExecutedOnce", t.notExecutedOnce());
        ledger.put("lateOutcomes", run.lateOutcomes());
        final ObjectNode byStatus = ledger.putObject("byStatus");
        t.byStatus().forEach(byStatus::put);
        root.put("breachTotal", run.breachTotal());
        final ArrayNode breaches = root.putArray("breaches");
        for (final Breach b : run.breaches()) {
            breaches.addObject().put("kind", b.kind().name()).put("id", b.id()).put("detail", b.detail());
        }
        final ObjectNode windows = root.putObject("windows");
        for (final Window window : Window.values()) {
            final ObjectNode w = JSON.createObjectNode();
            for (final Measure measure : Measure.values()) {
                final Percentiles p = Percentiles.of(run.latency().total(measure, window));
                if (p.count() > 0) {
                    w.putObject(measure.label()).put("count", p.count()).put("p50Nanos", p.p50()).put("p90Nanos", p.p90())
                        .put("p99Nanos", p.p99()).put("p999Nanos", p.p999()).put("p9999Nanos", p.p9999())
                        .put("maxNanos", p.max());
                }
            }
            if (!w.isEmpty()) {
                windows.set(window.tag(), w);
            }
        }
        final ObjectNode events = root.putObject("events");
        events.put("planned", run.plan().events().size());
        events.put("ran", run.events().size());
        events.put("skipped", run.skippedEvents());
        final ObjectNode byKind = events.putObject("byKind");
        EventSummary.of(run.events()).forEach((kind, s) -> byKind.putObject(kind.label()).put("count", s.count())
            .put("withInFlight", s.withInFlight()).put("drained", s.drained()).put("cancelled", s.cancelled())
            .put("refused", s.refused()).put("failed", s.failed()).put("minNanos", s.minNanos())
            .put("medianNanos", s.medianNanos()).put("maxNanos", s.maxNanos()));
        final ArrayNode list = events.putArray("list");
        for (final EventRecord e : run.events()) {
            list.addObject().put("index", e.planned().index()).put("kind", e.planned().kind().label())
                .put("plannedNanos", e.planned().atNanos()).put("startedNanos", e.startedNanos())
                .put("endedNanos", e.endedNanos()).put("succeeded", e.report().succeeded())
                .put("inFlightAtStart", e.report().inFlightAtStart()).put("detail", e.report().detail());
        }
        final Leftovers left = run.leftovers();
        if (left != null) {
            root.putObject("leftovers").put("clean", left.clean()).put("slotsHeld", left.slotsHeld())
                .put("threadsAlive", left.threadsAlive()).put("contextsOpen", left.contextsOpen())
                .put("backgroundTasks", left.backgroundTasks()).put("detail", left.detail());
        }
        final Environment env = context.environment();
        final ObjectNode e = root.putObject("environment");
        e.put("jdk", env.jdk());
        e.put("cpuModel", env.cpuModel());
        e.put("logicalCores", env.logicalCores());
        e.put("os", env.os());
        final ArrayNode flags = e.putArray("jvmFlags");
        env.jvmFlags().forEach(flags::add);
        return root;
    }
}
