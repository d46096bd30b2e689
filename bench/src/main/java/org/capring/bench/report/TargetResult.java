package org.capring.bench.report;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A {@link Target} judged on every cell (row key) it covers, or on one cell, or (for allocation) on all matching rows.
 * A verdict over several cells carries each cell's own verdict in {@code cells}; its advantages are those of the
 * worst cell, and it is met only when every cell is.
 *
 * @param target            the target
 * @param scope             the rows judged, e.g. {@code throughput / transfer where submit=1 (16 cells)}
 * @param status            the verdict
 * @param medianAdvantage   the median-fork advantage the verdict rests on (the worst cell's); empty for allocation and
 *                          when not measured
 * @param bestForkAdvantage the best-fork advantage, shown alongside (of the same cell); empty likewise
 * @param note              what was compared, or what is missing or at fault; for several cells, which is worst
 * @param cells             the verdict of each cell, in cell order, when the target covers more than one; else empty
 */
public record TargetResult(Target target, String scope, Status status, OptionalDouble medianAdvantage,
                           OptionalDouble bestForkAdvantage, String note, List<TargetResult> cells) {
    /** A target's verdict. */
    public enum Status {
        /** The requirement holds on the median forks. */
        MET("MET"),
        /** The requirement fails on the median forks. */
        MISSED("MISSED"),
        /** A row the target needs is not in the run (or lacks the metric): the target cannot be judged. */
        NOT_MEASURED("NOT MEASURED"),
        /** An informational ratio with no requirement. */
        INFO("INFO");

        private final String label;

        Status(final String label) {
            this.label = label;
        }

        /** @return how the report prints it */
        public String label() {
            return label;
        }
    }

    /**
     * @throws NullPointerException if any component is null
     */
    public TargetResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(medianAdvantage, "medianAdvantage");
        Objects.requireNonNull(bestForkAdvantage, "bestForkAdvantage");
        Objects.requireNonNull(note, "note");
        cells = List.copyOf(cells);
    }

    /**
     * A verdict on one cell, or on rows taken together.
     *
     * @param target            the target
     * @param scope             the rows judged
     * @param status            the verdict
     * @param medianAdvantage   the median-fork advantage, or empty
     * @param bestForkAdvantage the best-fork advantage, or empty
     * @param note              what was compared, or what is missing
     * @throws NullPointerException if any argument is null
     */
    public TargetResult(final Target target, final String scope, final Status status,
                        final OptionalDouble medianAdvantage, final OptionalDouble bestForkAdvantage,
                        final String note) {
        this(target, scope, status, medianAdvantage, bestForkAdvantage, note, List.of());
    }
}
