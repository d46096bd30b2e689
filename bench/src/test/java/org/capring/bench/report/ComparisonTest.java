package org.capring.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final double EPSILON = 1e-12;

    @Test
    void advantage_higherIsBetter_isCapringOverPeer() {
        assertEquals(3.0, Direction.HIGHER_IS_BETTER.advantage(300, 100), EPSILON);
        assertEquals(0.5, Direction.HIGHER_IS_BETTER.advantage(50, 100), EPSILON);
    }

    @Test
    void advantage_lowerIsBetter_isPeerOverCapring() {
        assertEquals(2.0, Direction.LOWER_IS_BETTER.advantage(50, 100), EPSILON);
        assertEquals(0.25, Direction.LOWER_IS_BETTER.advantage(400, 100), EPSILON);
    }

    @Test
    void of_rates_bestForkIsMaxAndWorstForkIsMin() {
        final ResultRow capring = row("CapringSq", Direction.HIGHER_IS_BETTER, "ops/s", 40, 60, 80);
        final ResultRow peer = row("AgronaOneToOne", Direction.HIGHER_IS_BETTER, "ops/s", 10, 20, 40);

        final Comparison comparison = Comparison.of(capring, peer);

        assertEquals(3.0, comparison.medianAdvantage(), EPSILON);
        assertEquals(2.0, comparison.bestForkAdvantage(), EPSILON);
        assertEquals(4.0, comparison.worstForkAdvantage(), EPSILON);
    }

    @Test
    void of_times_bestForkIsMinAndWorstForkIsMax() {
        final ResultRow capring = row("CapringRing", Direction.LOWER_IS_BETTER, "ns/op", 100, 200, 400);
        final ResultRow peer = row("JctoolsSpscPair", Direction.LOWER_IS_BETTER, "ns/op", 150, 300, 1600);

        final Comparison comparison = Comparison.of(capring, peer);

        assertEquals(1.5, comparison.medianAdvantage(), EPSILON);
        assertEquals(1.5, comparison.bestForkAdvantage(), EPSILON);
        assertEquals(4.0, comparison.worstForkAdvantage(), EPSILON);
    }

    @Test
    void of_differentUnits_isRejected() {
        final ResultRow capring = row("CapringRing", Direction.LOWER_IS_BETTER, "ns/op", 1);
        final ResultRow peer = row("JctoolsSpscPair", Direction.LOWER_IS_BETTER, "us/op", 1);

        assertFalse(Comparison.comparable(capring, peer));
        assertThrows(IllegalArgumentException.class, () -> Comparison.of(capring, peer));
    }

    @Test
    void of_differentKeys_isRejected() {
        final ResultRow capring = row("CapringRing", Direction.LOWER_IS_BETTER, "ns/op", 1);
        final ResultRow peer = new ResultRow(new BenchmarkId("roundtrip", "JctoolsSpscPair", "other"),
            new RowKey("roundtrip", "other", new TreeMap<>()), "primary (avgt)", "ns/op", Direction.LOWER_IS_BETTER,
            new ForkStats(List.of(1.0)), OptionalDouble.empty());

        assertThrows(IllegalArgumentException.class, () -> Comparison.of(capring, peer));
    }

    @Test
    void group_rowsOfOneKey_capringFirstThenPeersBestMedianFirst() {
        final List<ResultRow> rows = List.of(
            row("JctoolsSpscPair", Direction.LOWER_IS_BETTER, "ns/op", 300),
            row("CapringRingPoll", Direction.LOWER_IS_BETTER, "ns/op", 500),
            row("PaddedLongPingPong", Direction.LOWER_IS_BETTER, "ns/op", 100),
            row("CapringRing", Direction.LOWER_IS_BETTER, "ns/op", 200));

        final List<RowGroup> groups = RowGroup.of(rows);

        assertEquals(1, groups.size());
        assertEquals(List.of("CapringRing", "CapringRingPoll", "PaddedLongPingPong", "JctoolsSpscPair"),
            groups.getFirst().rows().stream().map(ResultRow::subject).toList());
        assertEquals(4, groups.getFirst().comparisons().size());
        assertTrue(groups.getFirst().problem().isEmpty());
    }

    @Test
    void group_mixedUnits_comparesOnlyAlikeRowsAndSaysWhich() {
        final List<ResultRow> rows = List.of(
            row("CapringRing", Direction.LOWER_IS_BETTER, "ns/op", 200),
            row("JctoolsSpscPair", Direction.LOWER_IS_BETTER, "ns/op", 300),
            row("DisruptorPair", Direction.LOWER_IS_BETTER, "us/op", 1));

        final RowGroup group = RowGroup.of(rows).getFirst();

        assertEquals(1, group.comparisons().size());
        assertTrue(group.problem().contains("CapringRing vs DisruptorPair"), group.problem());
    }

    private static ResultRow row(final String subject, final Direction direction, final String unit,
                                 final double... forks) {
        final var scores = Arrays.stream(forks).boxed().toList();
        return new ResultRow(new BenchmarkId("roundtrip", subject, "roundTrip"),
            new RowKey("roundtrip", "roundTrip", new TreeMap<>()), "primary", unit, direction, new ForkStats(scores),
            OptionalDouble.empty());
    }
}
