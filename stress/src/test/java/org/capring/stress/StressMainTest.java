package org.capring.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.capring.stress.ledger.BreachKind;
import org.capring.stress.scenario.Plan;
import org.capring.stress.scenario.PlanSpec;
import org.capring.stress.scenario.RunResult;
import org.capring.stress.scenario.RunSettings;
import org.capring.stress.scenario.Scenario;
import org.capring.stress.scenario.StressRun;
import org.capring.stress.sut.RingCoreSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class StressMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StressMain main = new StressMain(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void run_badFlag_usageExitNamingTheFlag() {
        assertEquals(ExitCode.USAGE, main.run("--rate", "fast"));
        assertTrue(err().contains("--rate: must be a positive number"), err());
    }

    @Test
    void run_handoffOnRingCore_usageExitSayingWhy() {
        assertEquals(ExitCode.USAGE, main.run("handoff", "--rate", "100", "--system", "ring-core"));
        assertTrue(err().contains("--system: scenario handoff needs"), err());
    }

    @Test
    void run_help_usageTextAndSuccess() {
        assertEquals(ExitCode.PASSED, main.run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("crash-before-ready"));
    }

    @Test
    void outputDir_withoutOut_namedByUtcMinuteCpuAndCores() throws Exception {
        final Path dir = StressMain.outputDir(StressOptions.parse("steady"));
        assertEquals(Path.of("results", "stress"), dir.getParent());
        assertTrue(dir.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}T\\d{4}-[a-z0-9-]+-\\d+c"), dir.toString());
        assertEquals(Path.of("elsewhere"), StressMain.outputDir(StressOptions.parse("steady", "--out", "elsewhere")));
    }

    @Test
    void run_shortDrain_passesAndWritesTheResultsDirectory(@TempDir final Path dir) throws Exception {
        final ExitCode code = main.run("drain", "--rate", "1000", "--duration", "2s", "--seed", "3", "--out",
            dir.toString(), "--service-time", "1ms", "--interval", "250ms", "--gap", "100ms..200ms", "--lag-bound", "2s");
        assertEquals(ExitCode.PASSED, code, err());
        for (final String file : new String[] {"report.md", "summary.json", "corrected.hlog", "uncorrected.hlog",
            "lag.hlog", "charts/latency-over-time.svg", "charts/percentiles-corrected.svg",
            "charts/percentiles-uncorrected.png"}) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        final JsonNode summary = JsonMapper.builder().build().readTree(dir.resolve("summary.json").toFile());
        assertEquals("drain", summary.get("scenario").asText());
        assertEquals(3, summary.get("seed").asLong());
        assertEquals(0, summary.get("ledger").get("lost").asLong());
        assertTrue(summary.get("events").get("byKind").get("drain").get("count").asInt() > 0);
        assertTrue(summary.get("environment").get("jvmFlags").isArray());
        final String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("**PASSED**"), report);
        assertTrue(report.contains("| draining | corrected |"), report);
    }

    @Test
    void exitCode_lagBoundNoGeneratorMeets_generatorLag() throws Exception {
        // No caller starts within a nanosecond of its intended start: past the warm-up the bound breaks.
        final RingCoreSystem system = new RingCoreSystem(RingCoreSystem.Config.defaults());
        final RunResult r = StressRun.run(Plan.build(PlanSpec.of(Scenario.STEADY, 3, 500, Duration.ofMillis(2500)),
            system.supports()), system, RunSettings.defaults().withLagBound(Duration.ofNanos(1))
            .withInterval(Duration.ofMillis(250)));
        assertFalse(r.passed());
        assertTrue(r.breaches().stream().allMatch(b -> b.kind() == BreachKind.GENERATOR_LAG), r.breaches().toString());
        assertEquals(ExitCode.GENERATOR_LAG, main.exitCode(r));
    }

    @Test
    void run_injectedFault_breachExitWithTheId(@TempDir final Path dir) {
        final ExitCode code = main.run("steady", "--rate", "1000", "--duration", "2s", "--seed", "3", "--out",
            dir.toString(), "--inject", "refuse-after-dispatch:500", "--quiet", "--lag-bound", "2s");
        assertEquals(ExitCode.BREACH, code);
        assertTrue(err().contains("BREACH REFUSED_BUT_EXECUTED id=500"), err());
    }
}
