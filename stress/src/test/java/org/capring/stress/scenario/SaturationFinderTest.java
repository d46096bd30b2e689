package org.capring.stress.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SaturationFinderTest {
    private static final long BOUND = 10_000_000L;

    /** A system that answers everything up to its capacity with a small p99, and falls behind above it. */
    private static SaturationFinder.Step system(final double capacity, final double rate) {
        return rate <= capacity ? new SaturationFinder.Step(rate, rate, 200_000, 0, "")
            : new SaturationFinder.Step(rate, capacity, 900_000_000L, 0, "");
    }

    @Test
    void find_capacityBetweenSteps_bisectsToWithinAFractionBelowIt() throws Exception {
        final SaturationFinder finder = new SaturationFinder(1_000, 1_000_000, BOUND);
        final SaturationFinder.Result result = finder.find(rate -> system(37_000, rate));
        assertTrue(result.rate() <= 37_000, "never above the capacity: " + result.rate());
        assertTrue(result.rate() >= 37_000 * 0.85, "close below it: " + result.rate());
        assertFalse(result.steps().getLast().step().rate() < 1_000);
    }

    @Test
    void describe_searchedOrGiven_saysWhichWithItsBound() throws Exception {
        final SaturationFinder.Result searched = new SaturationFinder(1_000, 1_000_000, BOUND)
            .find(rate -> system(37_000, rate));
        assertTrue(searched.describe().endsWith("calls/s, searched (p99 bound 10.0 ms)"), searched.describe());
        assertEquals("12493 calls/s, given by --rate (not searched in this run)",
            new SaturationFinder.Result(12_493, java.util.List.of(), BOUND).describe());
    }

    @Test
    void find_latencyOverTheBound_notSustained() throws Exception {
        final SaturationFinder finder = new SaturationFinder(1_000, 1_000_000, BOUND);
        final SaturationFinder.Result result = finder.find(rate -> new SaturationFinder.Step(rate, rate,
            rate > 5_000 ? BOUND + 1 : BOUND, 0, ""));
        assertTrue(result.rate() <= 5_000 && result.rate() >= 4_000, "p99 decides: " + result.rate());
    }

    @Test
    void find_breachAtTheFirstStep_rateZero() throws Exception {
        final SaturationFinder finder = new SaturationFinder(1_000, 1_000_000, BOUND);
        final SaturationFinder.Result result = finder.find(rate -> new SaturationFinder.Step(rate, rate, 1, 1,
            "GENERATOR_LAG"));
        assertEquals(0, result.rate());
        assertEquals(1, result.steps().size());
        assertTrue(result.steps().getFirst().why().contains("GENERATOR_LAG"));
    }

    @Test
    void find_everyStepSustained_stopsAtTheMaximum() throws Exception {
        final SaturationFinder finder = new SaturationFinder(1_000, 10_000, BOUND);
        assertEquals(10_000, finder.find(rate -> system(1e9, rate)).rate());
    }

    @Test
    void constructor_badBounds_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new SaturationFinder(0, 10, BOUND));
        assertThrows(IllegalArgumentException.class, () -> new SaturationFinder(10, 5, BOUND));
        assertThrows(IllegalArgumentException.class, () -> new SaturationFinder(10, 50, 0));
    }
}
