package org.capring.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ForkStatsTest {
    @Test
    void stats_oddForkCount_medianIsTheMiddleFork() {
        final var stats = new ForkStats(List.of(9.0, 1.0, 4.0));

        assertEquals(1.0, stats.min());
        assertEquals(4.0, stats.median());
        assertEquals(9.0, stats.max());
        assertEquals(3, stats.forks());
    }

    @Test
    void stats_evenForkCount_medianIsMeanOfTheMiddleTwo() {
        assertEquals(5.0, new ForkStats(List.of(8.0, 1.0, 4.0, 6.0)).median());
    }

    @Test
    void ofIterations_forks_scoreEachForkByItsIterationMean() {
        final var stats = ForkStats.ofIterations(List.of(List.of(1.0, 3.0), List.of(10.0), List.of(4.0, 5.0, 6.0)));

        assertEquals(List.of(2.0, 10.0, 5.0), stats.forkScores());
    }

    @Test
    void constructor_noForks_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ForkStats(List.of()));
    }

    @Test
    void constructor_nonFiniteScore_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ForkStats(List.of(1.0, Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> new ForkStats(List.of(Double.POSITIVE_INFINITY)));
    }

    @Test
    void ofIterations_forkWithoutIterations_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> ForkStats.ofIterations(List.of(List.of(1.0), List.of())));
    }
}
