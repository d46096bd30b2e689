package org.capring.bench.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A {@link Target} judged on one row key (or, for allocation, on all matching rows).
 *
 * @param target            the target
 * @param scope             the rows judged, e.g. {@code throughput / batched}
 * @param status            the verdict
 * @param medianAdvantage   the median-fork advantage the verdict rests on; empty for allocation and when not
 *                          measured
 * @param bestForkAdvantage the best-fork advantage, shown alongside; empty likewise
 * @param note              what was compared, or what is missing or at fault
 */
public record TargetResult(Target target, String scope, Status status, OptionalDouble medianAdvantage,
                           OptionalDouble bestForkAdvantage, String note) {
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
    }
}
