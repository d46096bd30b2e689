package org.capring.bench.report;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a report shows, assembled before anything is rendered.
 *
 * @param results  the parsed run
 * @param machine  the machine the run measured on
 * @param profile  the run profile named on the command line (e.g. {@code quick}), or "" when none was
 * @param groups   the rows grouped by key, in report order
 * @param targets  the verdicts on the targets
 * @param charted  the keys whose chart was written (a key missing here gets no image link)
 * @param warnings everything skipped or not produced, one line each
 */
public record ReportModel(JmhResults results, MachineInfo machine, String profile, List<RowGroup> groups,
                          List<TargetResult> targets, Set<RowKey> charted, List<String> warnings) {
    /**
     * @throws NullPointerException if any component is null
     */
    public ReportModel {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(profile, "profile");
        groups = List.copyOf(groups);
        targets = List.copyOf(targets);
        charted = Set.copyOf(charted);
        warnings = List.copyOf(warnings);
    }
}
