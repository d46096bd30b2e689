package org.capring.stress.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.HdrHistogram.Histogram;
import org.capring.ring.call.DispatchMode;
import org.capring.stress.latency.Measure;
import org.capring.stress.sut.RingCoreSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The classic check of a coordinated-omission-free generator: the server stalls for a known time at a known moment.
 * Every call intended during the stall waits until it ends, so the corrected histogram must hold about
 * {@code rate × (stall − threshold)} calls at or above the threshold; the uncorrected histogram, which measures from
 * the actual submission, sees only the few calls that held a slot during the stall (the rest waited for a slot
 * before they could submit), as a closed-loop tool would.
 */
@Timeout(60)
class CalibrationTest {
    private static final double RATE = 500;
    private static final Duration STALL_AT = Duration.ofMillis(1000);
    private static final Duration STALL = Duration.ofMillis(400);
    private static final long THRESHOLD_NANOS = 100_000_000L;
    private static final int SLOTS = 8;

    @Test
    void run_serverStallsFor400ms_correctedCountsTheScheduledCallsUncorrectedDoesNot() throws Exception {
        final Plan plan = Plan.build(PlanSpec.of(Scenario.STEADY, 5, RATE, Duration.ofMillis(2500)),
            java.util.EnumSet.noneOf(org.capring.stress.sut.Action.class));
        final RunResult r = StressRun.run(plan, new RingCoreSystem(new RingCoreSystem.Config(SLOTS,
            DispatchMode.THREAD_PER_CALL)), RunSettings.defaults().withStall(new RunSettings.Stall(STALL_AT, STALL)).withLagBound(Runs.LAG_BOUND));
        assertTrue(r.passed(), () -> "breaches: " + r.breaches());

        final Histogram corrected = r.latency().total(Measure.CORRECTED);
        final Histogram uncorrected = r.latency().total(Measure.UNCORRECTED);
        final long correctedSlow = corrected.getCountBetweenValues(THRESHOLD_NANOS, corrected.getMaxValue());
        final long uncorrectedSlow = uncorrected.getCountBetweenValues(THRESHOLD_NANOS,
            Math.max(THRESHOLD_NANOS, uncorrected.getMaxValue()));
        // Calls intended in [stall start, stall end - threshold) waited at least the threshold: rate x 0.3 s = 150.
        final double implied = RATE * (STALL.toNanos() - THRESHOLD_NANOS) / 1e9;
        assertTrue(correctedSlow >= implied - 5 && correctedSlow <= implied + 15,
            "corrected: " + correctedSlow + " calls >= 100 ms, the schedule implies " + implied);
        assertTrue(uncorrectedSlow <= SLOTS + 2,
            "uncorrected: " + uncorrectedSlow + " calls >= 100 ms, at most the " + SLOTS + " that held a slot");
        assertTrue(corrected.getMaxValue() >= STALL.toNanos() - 20_000_000L,
            "the first call of the stall waited about the whole stall: " + corrected.getMaxValue());
    }
}
