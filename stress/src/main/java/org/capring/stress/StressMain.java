package org.capring.stress;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.function.Supplier;

import org.capring.report.Machine;
import org.capring.stress.ledger.Breach;
import org.capring.stress.latency.Measure;
import org.capring.stress.latency.Window;
import org.capring.stress.ledger.BreachKind;
import org.capring.stress.ledger.Outcome;
import org.capring.stress.report.Environment;
import org.capring.stress.report.RunContext;
import org.capring.stress.report.StressReport;
import org.capring.stress.scenario.Plan;
import org.capring.stress.scenario.PlanSpec;
import org.capring.stress.scenario.RunResult;
import org.capring.stress.scenario.RunSettings;
import org.capring.stress.scenario.SaturationFinder;
import org.capring.stress.scenario.Scenario;
import org.capring.stress.scenario.StressRun;
import org.capring.stress.scenario.UnsupportedScenarioException;
import org.capring.stress.sut.Action;
import org.capring.stress.sut.FaultInjectingSystem;
import org.capring.stress.sut.RingCoreSystem;
import org.capring.stress.sut.ServiceCoreSystem;
import org.capring.stress.sut.SystemUnderTest;

/**
 * {@code ./capring stress [scenario] [--rate R|--fraction F] [--duration D] [--seed S] [--out DIR] ...}: runs one
 * scenario (or, with {@code --acceptance}, the acceptance suite) and writes its results directory. The exit status
 * says how it went ({@link ExitCode}).
 */
public final class StressMain {
    /** Saturation search: first step's rate. */
    static final double SEARCH_START_RATE = 2_000;
    /** Saturation search: no step above this. */
    static final double SEARCH_MAX_RATE = 2_000_000;
    /** Saturation search: each step's load. */
    static final Duration SEARCH_STEP = Duration.ofSeconds(5);
    /** Saturation search: a step's calls without an outcome this long are lost (the step is not sustained). */
    static final Duration SEARCH_LOSS_TIMEOUT = Duration.ofSeconds(3);

    /** The service container's logger (held: the logging framework keeps only weak references). */
    private static final java.util.logging.Logger SERVICE_LOG = java.util.logging.Logger.getLogger("org.capring.service");

    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param out where progress and results go
     * @param err where errors go
     */
    public StressMain(final PrintStream out, final PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * @param args the arguments after {@code stress}
     */
    public static void main(final String[] args) {
        // The console is the run's progress: the container's INFO lines (a host started, a host stopped, for every
        // restart) would bury it. Warnings and errors still show.
        SERVICE_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(new StressMain(System.out, System.err).run(args).code());
    }

    /**
     * @param args the arguments after {@code stress}
     * @return how it went
     */
    public ExitCode run(final String... args) {
        final StressOptions options;
        try {
            options = StressOptions.parse(args);
        } catch (final UsageException e) {
            err.println("capring stress: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (options.help()) {
            out.println(usage());
            return ExitCode.PASSED;
        }
        final String command = "./capring stress " + String.join(" ", args);
        try {
            if (options.acceptance()) {
                return new Acceptance(this, options, command).run();
            }
            return single(options, command);
        } catch (final UsageException e) {
            err.println("capring stress: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("capring stress: interrupted");
            return ExitCode.ERROR;
        } catch (final Exception e) {
            err.println("capring stress: the run could not be carried out: " + e);
            e.printStackTrace(err);
            return ExitCode.ERROR;
        }
    }

    private ExitCode single(final StressOptions options, final String command) throws Exception {
        final long seed = options.seed().orElseGet(() -> new SecureRandom().nextLong());
        final Supplier<SystemUnderTest> systems = systems(options);
        checkSupported(options.scenario(), systems);
        double rate;
        SaturationFinder.Result saturation = null;
        if (options.rate().isPresent()) {
            rate = options.rate().getAsDouble();
        } else {
            saturation = saturate(options, systems, seed);
            if (saturation.rate() <= 0) {
                err.println("capring stress: not even " + SEARCH_START_RATE + " calls/s were sustained; give --rate");
                return ExitCode.ERROR;
            }
            rate = saturation.rate() * options.fraction();
        }
        final Path dir = outputDir(options);
        final RunResult result = runOne(options, systems, options.scenario(), seed, rate, dir);
        final RunContext context = new RunContext(command, Environment.current(),
            saturation == null ? Double.NaN : options.fraction(), saturation);
        StressReport.write(result, context, dir);
        return verdict(result, dir);
    }

    /** Fails early, with the flag at fault, for a scenario the chosen system cannot perform. */
    static void checkSupported(final Scenario scenario, final Supplier<SystemUnderTest> systems) throws UsageException {
        try {
            Plan.build(PlanSpec.of(scenario, 0, 1, Duration.ofSeconds(1)), systems.get().supports());
        } catch (final UnsupportedScenarioException e) {
            throw new UsageException("--system", e.getMessage());
        }
    }

    /** Runs one scenario into {@code dir} with progress on the console. */
    RunResult runOne(final StressOptions options, final Supplier<SystemUnderTest> systems, final Scenario scenario,
                     final long seed, final double rate, final Path dir) throws Exception {
        Files.createDirectories(dir);
        final SystemUnderTest sut = systems.get();
        final PlanSpec spec = new PlanSpec(scenario, seed, rate, options.effectiveDuration(), options.arrivals(),
            options.gapMin(), options.gapMax(), Duration.ofMillis(50), Duration.ofMillis(250),
            Duration.ofMillis(20));
        final Plan plan = Plan.build(spec, sut.supports());
        out.printf(Locale.ROOT, "capring stress: %s at %.0f calls/s for %.1f s, seed %d, %d events planned, on %s%n",
            scenario.flagName(), rate, spec.duration().toMillis() / 1000.0, seed, plan.events().size(), sut.describe());
        out.println("capring stress: results -> " + dir.toAbsolutePath());
        return StressRun.run(plan, sut, settings(options).withOutput(dir, options.quiet() ? null : out));
    }

    /** The run settings the options give. */
    static RunSettings settings(final StressOptions options) {
        return RunSettings.defaults().withGrace(options.grace()).withLossTimeout(options.lossTimeout())
            .withLagBound(options.lagBound()).withInterval(options.interval()).withServiceTime(options.serviceTime());
    }

    /** Finds the saturation rate with a short steady ramp (no logs). */
    SaturationFinder.Result saturate(final StressOptions options, final Supplier<SystemUnderTest> systems,
                                     final long seed) throws Exception {
        out.println("capring stress: finding the saturation rate (steady steps of " + SEARCH_STEP.toSeconds()
            + " s, p99 bound " + options.latencyBound().toMillis() + " ms)");
        // Steps have no events: the grace does not matter, and an overloaded step may give up on its calls sooner.
        final RunSettings step = settings(options).withGrace(Duration.ZERO)
            .withLossTimeout(SEARCH_LOSS_TIMEOUT);
        final SaturationFinder finder = new SaturationFinder(SEARCH_START_RATE, SEARCH_MAX_RATE,
            options.latencyBound().toNanos());
        // A first short step warms the JIT; its verdict is not used.
        StressRun.run(Plan.build(PlanSpec.of(Scenario.STEADY, seed, SEARCH_START_RATE, Duration.ofSeconds(1)),
            systems.get().supports()), systems.get(), step);
        final SaturationFinder.Result result = finder.find(rate -> {
            final RunResult r = StressRun.run(Plan.build(PlanSpec.of(Scenario.STEADY, seed, rate, SEARCH_STEP)
                .withArrivals(options.arrivals()), EnumSet.noneOf(Action.class)),
                systems.get(), step);
            final Breach first = r.breaches().isEmpty() ? null : r.breaches().getFirst();
            final SaturationFinder.Step s = new SaturationFinder.Step(rate, r.achievedRate(),
                r.latency().total(Measure.CORRECTED, Window.STEADY).getValueAtPercentile(99),
                r.breachTotal(), first == null ? "" : first.toString());
            out.printf(Locale.ROOT, "capring stress:   %8.0f calls/s -> answered %8.0f/s, p99 %.3f ms%s%n", rate,
                s.achieved(), s.p99Nanos() / 1e6, first == null ? "" : ", " + first);
            return s;
        });
        out.printf(Locale.ROOT, "capring stress: saturation %.0f calls/s%n", result.rate());
        return result;
    }

    /** The factory of fresh systems under test the options ask for. */
    static Supplier<SystemUnderTest> systems(final StressOptions options) {
        final RingCoreSystem.Config ringCore = new RingCoreSystem.Config(options.slots(),
            RingCoreSystem.Config.defaults().dispatch());
        final ServiceCoreSystem.Config serviceCore = new ServiceCoreSystem.Config(options.slots(), options.grace());
        return () -> {
            final SystemUnderTest system = switch (options.system()) {
                case SERVICE_CORE -> new ServiceCoreSystem(serviceCore);
                case RING_CORE -> new RingCoreSystem(ringCore);
            };
            return options.fault().<SystemUnderTest>map(f -> new FaultInjectingSystem(system, f)).orElse(system);
        };
    }

    /** The output directory: --out, else results/stress/UTC-date-cpu-cores. */
    static Path outputDir(final StressOptions options) {
        return options.out().orElseGet(() -> Path.of("results", "stress", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm")
            .format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + Machine.slug(Machine.cpuModel()) + "-"
            + Machine.logicalCores() + "c"));
    }

    /** Prints the verdict of one run. @return its exit code */
    ExitCode verdict(final RunResult result, final Path dir) {
        out.printf(Locale.ROOT, "capring stress: %s: issued %d, completed %d, refused %d, failed %d, indeterminate %d, "
                + "lost %d, duplicated %d; report %s%n", result.passed() ? "PASSED" : "FAILED", result.tally().issued(),
            result.tally().count(Outcome.COMPLETED),
            result.tally().count(Outcome.REFUSED),
            result.tally().count(Outcome.FAILED),
            result.tally().count(Outcome.INDETERMINATE), result.tally().lost(),
            result.tally().duplicated(), dir.resolve(StressReport.REPORT));
        return exitCode(result);
    }

    /**
     * @param result a run
     * @return {@link ExitCode#PASSED}, {@link ExitCode#GENERATOR_LAG} if the lag bound was the only breach, else
     *     {@link ExitCode#BREACH} (the ids involved printed)
     */
    ExitCode exitCode(final RunResult result) {
        if (result.passed()) {
            return ExitCode.PASSED;
        }
        int shown = 0;
        for (final Breach b : result.breaches()) {
            if (shown++ == 10) {
                err.println("capring stress:   ... " + (result.breachTotal() - 10) + " more in the report");
                break;
            }
            err.println("capring stress:   BREACH " + b);
        }
        return result.breaches().stream().allMatch(b -> b.kind() == BreachKind.GENERATOR_LAG)
            ? ExitCode.GENERATOR_LAG : ExitCode.BREACH;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** @return the usage text */
    public static String usage() {
        return """
            Usage: ./capring stress [SCENARIO] [options]
              Open-loop load at a constant rate (or Poisson) through the Echo and KeyValue stubs, every call's latency
              measured from its intended start (coordinated omission corrected), a ledger that gives every call one
              outcome and checks nothing is lost or duplicated, and the scenario's events scheduled from the same seed.
            Scenarios: %s (default steady)
            Options:
              --rate R            calls per second (else a fraction of the saturation rate, found by a short ramp)
              --fraction F        fraction of the saturation rate (default 0.7)
              --duration D        load duration, e.g. 30s, 2m (default 30s)
              --events N          at least N events (the duration grows to fit them)
              --seed S            the seed of arrivals and events (default: drawn, and reported)
              --out DIR           results directory (default results/stress/<date>-<cpu>-<cores>c)
              --arrivals A        constant or poisson (default constant)
              --system S          service-core (default: the service container; drains, handoffs and revocations
                                  through it) or ring-core (plain RingServer/RingClient; no handoffs)
              --grace D           drain/handoff grace before calls in flight are cancelled (default 100ms)
              --loss-timeout D    a call without an outcome this long is lost (default 10s)
              --lag-bound D       the generator's lag p99 per interval may not exceed this (default 50ms)
              --latency-bound D   p99 bound of a sustained rate in the saturation search (default 1ms)
              --interval D        HdrHistogram log and progress interval (default 1s)
              --service-time D    every handler works this long before it answers (default 0: echo at once)
              --gap MIN..MAX      gap between events (default 150ms..450ms)
              --slots N           client call slots (default 256)
              --inject KIND:ID    inject a fault at call ID: drop-completion, execute-twice, refuse-after-dispatch
              --acceptance        the acceptance suite: drain at each of --fractions, handoff at the first,
                                  each with at least --events events (default 200); --rate then sets the
                                  saturation rate instead of searching for it
              --fractions F,F     the acceptance suite's fractions (default 0.7,0.9)
              --quiet             no progress lines
            Exit status: 0 passed, 1 invariant breach, 2 bad usage, 3 generator lag over its bound,
                         4 acceptance criterion missed, 5 the run could not be carried out.
            """.formatted(String.join(", ", Scenario.flagNames()));
    }
}
