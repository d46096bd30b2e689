package org.capring.stress;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.capring.stress.latency.Measure;
import org.capring.stress.latency.Window;
import org.capring.stress.ledger.BreachKind;
import org.capring.stress.report.Environment;
import org.capring.stress.report.RunContext;
import org.capring.stress.report.StressReport;
import org.capring.stress.scenario.EventKind;
import org.capring.stress.scenario.RunResult;
import org.capring.stress.scenario.SaturationFinder;
import org.capring.stress.scenario.Scenario;
import org.capring.stress.sut.Action;
import org.capring.stress.sut.SystemUnderTest;

/**
 * The acceptance suite of issue 10: at least {@code --events} drains at each of {@code --fractions} of the
 * saturation rate and as many handoffs at the first fraction, each run with 0 lost, 0 duplicated and only typed
 * refusals, and the corrected p99.9 inside handoff windows at most {@value #HANDOFF_TAIL_FACTOR} times the steady
 * p99.9 of the same run. Writes one directory per run and {@code acceptance.md} / {@code acceptance.json} over
 * them. A system that cannot hand off fails the handoff criterion (the run is not faked).
 */
final class Acceptance {
    /** Handoff-window p99.9 may be at most this many times the steady p99.9. */
    static final double HANDOFF_TAIL_FACTOR = 3.0;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final StressMain main;
    private final StressOptions options;
    private final String command;

    /** One criterion and whether it was met. */
    record Criterion(String run, String what, boolean met, String seen) {
    }

    Acceptance(final StressMain main, final StressOptions options, final String command) {
        this.main = main;
        this.options = options;
        this.command = command;
    }

    ExitCode run() throws Exception {
        final long seed = options.seed().orElseGet(() -> new SecureRandom().nextLong());
        final Supplier<SystemUnderTest> systems = StressMain.systems(options);
        final SaturationFinder.Result saturation = options.rate().isPresent()
            ? new SaturationFinder.Result(options.rate().getAsDouble(), List.of(), options.latencyBound().toNanos())
            : main.saturate(options, systems, seed);
        final Path root = StressMain.outputDir(options);
        Files.createDirectories(root);
        final Environment env = Environment.current();
        final List<Criterion> criteria = new ArrayList<>();
        final ObjectNode json = JSON.createObjectNode();
        json.put("command", command);
        json.put("seed", seed);
        json.put("saturationRate", saturation.rate());
        final ArrayNode runs = json.putArray("runs");
        boolean breach = false;
        final List<String> names = new ArrayList<>();
        final List<RunResult> results = new ArrayList<>();
        for (final double fraction : options.fractions()) {
            final String name = runName(Scenario.DRAIN, fraction);
            final RunResult r = runOne(systems, Scenario.DRAIN, seed, saturation, fraction, root.resolve(name), env);
            judge(name, r, EventKind.DRAIN, criteria, false);
            breach |= !r.passed() && !lagOnly(r);
            names.add(name);
            results.add(r);
        }
        final double handoffFraction = options.fractions().getFirst();
        final String handoffName = runName(Scenario.HANDOFF, handoffFraction);
        if (systems.get().supports().contains(Action.HANDOFF)) {
            final RunResult r = runOne(systems, Scenario.HANDOFF, seed, saturation, handoffFraction,
                root.resolve(handoffName), env);
            judge(handoffName, r, EventKind.HANDOFF, criteria, true);
            breach |= !r.passed() && !lagOnly(r);
            names.add(handoffName);
            results.add(r);
        } else {
            criteria.add(new Criterion(handoffName, "at least " + options.events().orElseThrow() + " handoffs", false,
                "not run: the " + options.system().flagName() + " system cannot hand off"));
        }
        for (int i = 0; i < names.size(); i++) {
            runs.add(StressReport.summary(results.get(i), new RunContext(command, env, Double.NaN, saturation))
                .put("name", names.get(i)));
        }
        final boolean met = criteria.stream().allMatch(Criterion::met);
        final ArrayNode list = json.putArray("criteria");
        for (final Criterion c : criteria) {
            list.addObject().put("run", c.run()).put("criterion", c.what()).put("met", c.met()).put("seen", c.seen());
        }
        json.put("met", met);
        Files.writeString(root.resolve("acceptance.json"), JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("acceptance.md"), markdown(criteria, saturation, seed, env, names),
            StandardCharsets.UTF_8);
        main.out().println("capring stress: acceptance " + (met ? "MET" : "NOT MET") + "; " + root.resolve("acceptance.md"));
        for (final Criterion c : criteria) {
            main.out().println("capring stress:   " + (c.met() ? "met    " : "MISSED ") + c.run() + ": " + c.what()
                + " (" + c.seen() + ")");
        }
        return breach ? ExitCode.BREACH : met ? ExitCode.PASSED : ExitCode.CRITERIA_MISSED;
    }

    private static boolean lagOnly(final RunResult r) {
        return r.breaches().stream().allMatch(b -> b.kind() == BreachKind.GENERATOR_LAG);
    }

    private static String runName(final Scenario scenario, final double fraction) {
        return String.format(Locale.ROOT, "%s-%.0f", scenario.flagName(), fraction * 100);
    }

    private RunResult runOne(final Supplier<SystemUnderTest> systems, final Scenario scenario, final long seed,
                             final SaturationFinder.Result saturation, final double fraction, final Path dir,
                             final Environment env) throws Exception {
        final RunResult r = main.runOne(options, systems, scenario, seed, saturation.rate() * fraction, dir);
        StressReport.write(r, new RunContext(command, env, fraction, saturation), dir);
        main.verdict(r, dir);
        return r;
    }

    private void judge(final String name, final RunResult r, final EventKind kind, final List<Criterion> criteria,
                       final boolean tail) {
        final int needed = options.events().orElseThrow();
        final long ran = r.events(kind).stream().filter(e -> e.report().succeeded()).count();
        criteria.add(new Criterion(name, "at least " + needed + " " + kind.label() + "s", ran >= needed, ran + " ran"));
        criteria.add(new Criterion(name, "0 lost", r.tally().lost() == 0, r.tally().lost() + " lost"));
        criteria.add(new Criterion(name, "0 duplicated", r.tally().duplicated() == 0,
            r.tally().duplicated() + " duplicated"));
        final long untyped = r.breaches().stream().filter(b -> b.kind() == BreachKind.UNTYPED_FAILURE).count();
        criteria.add(new Criterion(name, "only typed refusals and errors", untyped == 0, untyped + " untyped; refusals "
            + "by status: " + r.tally().byStatus()));
        criteria.add(new Criterion(name, "no invariant breach", r.passed(), r.breachTotal() + " breach(es)"
            + (r.passed() ? "" : ", first " + r.breaches().getFirst())));
        if (tail) {
            final long steady = r.latency().total(Measure.CORRECTED, Window.STEADY).getValueAtPercentile(99.9);
            final long handoff = r.latency().total(Measure.CORRECTED, Window.HANDOFF).getValueAtPercentile(99.9);
            criteria.add(new Criterion(name, "p99.9 in handoff windows <= " + HANDOFF_TAIL_FACTOR + " x steady p99.9",
                steady > 0 && handoff <= HANDOFF_TAIL_FACTOR * steady, String.format(Locale.ROOT,
                "handoff %.3f ms, steady %.3f ms, ratio %.2f", handoff / 1e6, steady / 1e6,
                steady == 0 ? Double.NaN : (double) handoff / steady)));
        }
    }

    private String markdown(final List<Criterion> criteria, final SaturationFinder.Result saturation, final long seed,
                            final Environment env, final List<String> names) {
        final StringBuilder md = new StringBuilder();
        md.append("# capring stress: acceptance\n\n");
        md.append(criteria.stream().allMatch(Criterion::met) ? "**MET**: every criterion.\n\n" : "**NOT MET**.\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| command | `").append(command).append("` |\n");
        md.append("| seed | ").append(seed).append(" |\n");
        md.append("| saturation | ").append(saturation.describe()).append(" |\n");
        md.append("| JDK | ").append(env.jdk()).append(" |\n");
        md.append("| JVM flags | `").append(String.join(" ", env.jvmFlags())).append("` |\n");
        md.append("| CPU | ").append(env.cpuModel()).append(", ").append(env.logicalCores()).append(" logical cores; ")
            .append(env.os()).append(" |\n\n");
        md.append("| run | criterion | met | seen |\n|---|---|---|---|\n");
        for (final Criterion c : criteria) {
            md.append("| ").append(c.run()).append(" | ").append(c.what()).append(" | ").append(c.met() ? "yes" : "**no**")
                .append(" | ").append(c.seen().replace('|', '/')).append(" |\n");
        }
        md.append("\nRuns: ");
        for (final String name : names) {
            md.append("[").append(name).append("](").append(name).append("/report.md) ");
        }
        md.append('\n');
        return md.toString();
    }
}
