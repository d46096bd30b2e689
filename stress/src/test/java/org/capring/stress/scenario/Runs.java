package org.capring.stress.scenario;

import java.time.Duration;

import org.capring.stress.sut.RingCoreSystem;
import org.capring.stress.sut.SystemUnderTest;

/** Short runs on the ring-core system, for the tests. */
final class Runs {
    /** A modest rate: the tests assert behaviour on a shared 2-core machine, not speed. */
    static final double RATE = 2_000;
    static final long SEED = 20261201L;
    /** {@code -Dcapring.stress.long=true} runs every scenario ten times as long. */
    static final int LENGTH = Boolean.getBoolean("capring.stress.long") ? 10 : 1;

    private Runs() {
    }

    /**
     * The generator's lag bound of the tests: they assert the ledger's behaviour on a machine shared with other
     * builds, where a scheduler hiccup of a few hundred milliseconds is no bug; the bound itself has its own test.
     */
    static final Duration LAG_BOUND = Duration.ofSeconds(2);

    static RunSettings settings() {
        // A 1 ms service time keeps a few calls in flight at every instant, so that drains find work to drain.
        return RunSettings.defaults().withServiceTime(Duration.ofMillis(1)).withLossTimeout(Duration.ofSeconds(5))
            .withInterval(Duration.ofMillis(250)).withLagBound(LAG_BOUND);
    }

    static RunResult run(final Scenario scenario, final Duration duration, final SystemUnderTest system,
                         final RunSettings settings) throws Exception {
        final PlanSpec spec = PlanSpec.of(scenario, SEED, RATE, duration.multipliedBy(LENGTH))
            .withGaps(Duration.ofMillis(100), Duration.ofMillis(250));
        return StressRun.run(Plan.build(spec, system.supports()), system, settings);
    }

    static RunResult run(final Scenario scenario, final Duration duration) throws Exception {
        return run(scenario, duration, new RingCoreSystem(RingCoreSystem.Config.defaults()), settings());
    }
}
