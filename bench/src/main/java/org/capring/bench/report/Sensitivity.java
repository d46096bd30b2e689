package org.capring.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * One capring subject across every cell of a parameter matrix (the row keys of one measure and variant that differ
 * only in their JMH parameters): its median score in each cell and its advantage over each peer there. This is what a
 * target judged "on every cell" looks at, and it shows which parameter a ratio depends on.
 *
 * @param measure the measure
 * @param variant the variant
 * @param subject the capring subject
 * @param params  the parameters whose values differ between the cells, by name
 * @param peers   the peers measured in at least one cell, by name
 * @param cells   one per row key holding the subject, ordered by parameter values
 */
public record Sensitivity(String measure, String variant, String subject, List<String> params, List<String> peers,
                          List<Cell> cells) {
    /**
     * @param key     the cell
     * @param capring the subject's row there
     * @param byPeer  the subject against each peer measured there (comparable rows only)
     */
    public record Cell(RowKey key, ResultRow capring, Map<String, Comparison> byPeer) {
        /**
         * @throws NullPointerException if any component is null
         */
        public Cell {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(capring, "capring");
            byPeer = Map.copyOf(byPeer);
        }
    }

    /**
     * @throws NullPointerException if any component is null
     */
    public Sensitivity {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(subject, "subject");
        params = List.copyOf(params);
        peers = List.copyOf(peers);
        cells = List.copyOf(cells);
    }

    /**
     * @param groups the row groups of a run
     * @return one sensitivity per capring subject of each measure and variant measured in more than one cell, in order
     *     of the first group of each
     */
    public static List<Sensitivity> of(final List<RowGroup> groups) {
        final var byVariant = new LinkedHashMap<String, List<RowGroup>>();
        for (final RowGroup group : groups) {
            byVariant.computeIfAbsent(group.key().measure() + "/" + group.key().variant(), _ -> new ArrayList<>())
                .add(group);
        }
        final var result = new ArrayList<Sensitivity>();
        for (final List<RowGroup> matrix : byVariant.values()) {
            if (matrix.size() < 2) {
                continue;
            }
            final List<RowGroup> ordered = matrix.stream()
                .sorted((a, b) -> compareParams(a.key().params(), b.key().params()))
                .toList();
            final List<String> varying = varyingParams(ordered);
            final var subjects = new LinkedHashSet<String>();
            final var peers = new TreeSet<String>();
            for (final RowGroup group : ordered) {
                for (final ResultRow row : group.rows()) {
                    (row.isCapring() ? subjects : peers).add(row.subject());
                }
            }
            for (final String subject : subjects) {
                final var cells = new ArrayList<Cell>();
                for (final RowGroup group : ordered) {
                    group.rows().stream().filter(row -> row.subject().equals(subject)).findFirst().ifPresent(row -> {
                        final var byPeer = new LinkedHashMap<String, Comparison>();
                        for (final Comparison comparison : group.comparisons()) {
                            if (comparison.capring() == row) {
                                byPeer.put(comparison.peer().subject(), comparison);
                            }
                        }
                        cells.add(new Cell(group.key(), row, byPeer));
                    });
                }
                final RowKey first = ordered.getFirst().key();
                result.add(new Sensitivity(first.measure(), first.variant(), subject, varying, List.copyOf(peers),
                    cells));
            }
        }
        return result;
    }

    /**
     * @param peer a peer
     * @return the lowest median advantage over that peer across the cells, or empty if it was never compared
     */
    public OptionalDouble worst(final String peer) {
        return cells.stream().map(cell -> cell.byPeer().get(peer)).filter(Objects::nonNull)
            .mapToDouble(Comparison::medianAdvantage).min();
    }

    /** @return a title, e.g. {@code throughput / transfer: CapringSq} */
    public String title() {
        return measure + " / " + variant + ": " + subject;
    }

    private static List<String> varyingParams(final List<RowGroup> groups) {
        final Set<String> names = new TreeSet<>();
        groups.forEach(group -> names.addAll(group.key().params().keySet()));
        final var varying = new ArrayList<String>();
        for (final String name : names) {
            final long values = groups.stream().map(group -> String.valueOf(group.key().params().get(name)))
                .distinct().count();
            if (values > 1) {
                varying.add(name);
            }
        }
        return varying;
    }

    /** Orders parameter sets name by name, numerically where both values are numbers. */
    private static int compareParams(final Map<String, String> a, final Map<String, String> b) {
        final Set<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (final String name : names) {
            final int order = compareValues(a.get(name), b.get(name));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static int compareValues(final String a, final String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (final NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
