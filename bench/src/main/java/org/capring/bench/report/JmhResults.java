package org.capring.bench.report;

import java.util.List;
import java.util.Objects;

/**
 * A parsed JMH result file.
 *
 * @param source   where the results came from, for messages
 * @param run      the JVM and JMH settings of the run
 * @param rows     the rows that follow the naming convention, in file order; never empty
 * @param entries  how many results the file holds, skipped ones included
 * @param warnings one line per skipped result, saying why
 */
public record JmhResults(String source, RunInfo run, List<ResultRow> rows, int entries, List<String> warnings) {
    /**
     * @throws NullPointerException if any component is null
     */
    public JmhResults {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(run, "run");
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }
}
