package org.capring.bench.report;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The machine-readable summary, {@value #FILE_NAME}: one line per row, in report order, with a header line. Numbers
 * are exact ({@link Double#toString}); {@code alloc} is the median {@code gc.alloc.rate.norm} in B/op, empty when not
 * measured; {@code params} is {@code name=value} pairs joined by {@code ;}; {@code better} is {@code higher} or
 * {@code lower}. Fields are quoted as RFC 4180 requires.
 */
public final class SummaryCsv {
    /** The file name, inside the run directory. */
    public static final String FILE_NAME = "summary.csv";
    /** The header line's fields. */
    public static final List<String> HEADER = List.of("measure", "variant", "params", "subject", "unit", "forks",
        "min", "median", "max", "alloc", "better");

    private SummaryCsv() {
    }

    /**
     * @param groups the row groups, in report order
     * @return the file's text, lines ending in {@code \n}
     */
    public static String render(final List<RowGroup> groups) {
        final var csv = new StringBuilder(line(HEADER));
        for (final RowGroup group : groups) {
            for (final ResultRow row : group.rows()) {
                final var stats = row.stats();
                csv.append(line(List.of(row.key().measure(), row.key().variant(), params(row.key()), row.subject(),
                    row.unit(), Integer.toString(stats.forks()), Numbers.exact(stats.min()),
                    Numbers.exact(stats.median()), Numbers.exact(stats.max()),
                    row.allocBytesPerOp().isPresent() ? Numbers.exact(row.allocBytesPerOp().getAsDouble()) : "",
                    row.direction() == Direction.HIGHER_IS_BETTER ? "higher" : "lower")));
            }
        }
        return csv.toString();
    }

    private static String params(final RowKey key) {
        return key.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(";"));
    }

    private static String line(final List<String> fields) {
        return fields.stream().map(SummaryCsv::field).collect(Collectors.joining(",")) + "\n";
    }

    private static String field(final String value) {
        if (Stream.of(",", "\"", "\n", "\r").noneMatch(value::contains)) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
