package org.capring.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The rows of one {@link RowKey}, ordered for the report (capring's subjects first, then the peers, each best median
 * first), with every capring-versus-peer {@link Comparison} between them.
 *
 * @param key         what the rows share
 * @param rows        the rows in report order
 * @param comparisons each capring row against each peer row, in row order; pairs measured in different metrics
 *                    or units are left out and named in {@code problem}
 * @param problem     why some pairs were not compared, or "" when all were
 */
public record RowGroup(RowKey key, List<ResultRow> rows, List<Comparison> comparisons, String problem) {
    /**
     * @throws NullPointerException if any component is null
     */
    public RowGroup {
        Objects.requireNonNull(key, "key");
        rows = List.copyOf(rows);
        comparisons = List.copyOf(comparisons);
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * @param rows the rows of a run, in file order
     * @return one group per distinct key, in order of each key's first row
     */
    public static List<RowGroup> of(final List<ResultRow> rows) {
        final var byKey = new LinkedHashMap<RowKey, List<ResultRow>>();
        for (final ResultRow row : rows) {
            byKey.computeIfAbsent(row.key(), _ -> new ArrayList<>()).add(row);
        }
        final var groups = new ArrayList<RowGroup>(byKey.size());
        byKey.forEach((key, members) -> groups.add(group(key, members)));
        return groups;
    }

    /** @return the direction of the group's rows when they all agree, else the first row's */
    public Direction direction() {
        return rows.getFirst().direction();
    }

    /** @return the distinct units of the rows, joined by ", " (one unit in a consistent run) */
    public String units() {
        return rows.stream().map(ResultRow::unit).distinct().collect(Collectors.joining(", "));
    }

    private static RowGroup group(final RowKey key, final List<ResultRow> members) {
        final List<ResultRow> ordered = members.stream().sorted(reportOrder()).toList();
        final var comparisons = new ArrayList<Comparison>();
        final var skipped = new ArrayList<String>();
        for (final ResultRow capring : ordered) {
            if (!capring.isCapring()) {
                continue;
            }
            for (final ResultRow peer : ordered) {
                if (peer.isCapring()) {
                    continue;
                }
                if (Comparison.comparable(capring, peer)) {
                    comparisons.add(Comparison.of(capring, peer));
                } else {
                    skipped.add(capring.subject() + " vs " + peer.subject());
                }
            }
        }
        final String problem = skipped.isEmpty() ? ""
            : "not compared (measured in different metrics or units): " + String.join(", ", skipped);
        return new RowGroup(key, ordered, comparisons, problem);
    }

    private static Comparator<ResultRow> reportOrder() {
        final Comparator<ResultRow> capringFirst = Comparator.comparing(row -> !row.isCapring());
        final Comparator<ResultRow> bestMedianFirst = (a, b) -> a.direction() == Direction.HIGHER_IS_BETTER
            ? Double.compare(b.stats().median(), a.stats().median())
            : Double.compare(a.stats().median(), b.stats().median());
        return capringFirst.thenComparing(bestMedianFirst).thenComparing(ResultRow::subject);
    }
}
