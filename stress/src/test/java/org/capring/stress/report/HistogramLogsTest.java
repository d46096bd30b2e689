package org.capring.stress.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.capring.stress.latency.Measure;
import org.capring.stress.latency.Window;
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

/** The logs are HdrHistogram's own format: its reader and its log processor read them, tags and all. */
@Timeout(60)
class HistogramLogsTest {

    @Test
    void run_drainScenario_logsTaggedByWindowReadableByHdrHistogramsTools(@TempDir final Path dir) throws Exception {
        final RingCoreSystem system = new RingCoreSystem(RingCoreSystem.Config.defaults());
        final Plan plan = Plan.build(PlanSpec.of(Scenario.DRAIN, 4, 1_000, Duration.ofSeconds(3))
            .withGaps(Duration.ofMillis(100), Duration.ofMillis(200)), system.supports());
        final RunResult r = StressRun.run(plan, system, RunSettings.defaults().withServiceTime(Duration.ofMillis(1))
            .withInterval(Duration.ofMillis(200)).withLagBound(Duration.ofSeconds(2)).withOutput(dir, null));
        assertTrue(r.passed(), () -> r.breaches().toString());

        final Set<String> tags = new HashSet<>();
        long count = 0;
        final HistogramLogReader reader = new HistogramLogReader(dir.resolve(Measure.CORRECTED.fileName()).toFile());
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null) {
            tags.add(interval.getTag());
            count += ((org.HdrHistogram.Histogram) interval).getTotalCount();
        }
        reader.close();
        assertTrue(tags.contains(Window.STEADY.tag()) && tags.contains(Window.DRAINING.tag()), tags.toString());
        assertEquals(r.latency().total(Measure.CORRECTED).getTotalCount(), count, "every answer is in the log");

        final Path out = dir.resolve("draining");
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
            new HistogramLogProcessor(new String[] {"-i", dir.resolve(Measure.CORRECTED.fileName()).toString(),
                "-o", out.toString(), "-tag", Window.DRAINING.tag()}).run();
        } finally {
            System.setOut(stdout);
        }
        final String percentiles = Files.readString(dir.resolve("draining.hgrm"));
        assertTrue(percentiles.contains("#[Mean"), percentiles);
        final long drainingCount = r.latency().total(Measure.CORRECTED, Window.DRAINING).getTotalCount();
        final java.util.regex.Matcher total = java.util.regex.Pattern.compile("Total count\\s*=\\s*(\\d+)")
            .matcher(percentiles);
        assertTrue(total.find(), percentiles);
        assertEquals(drainingCount, Long.parseLong(total.group(1)), "the processor counts the draining calls");
    }
}
