package org.capring.bench.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One benchmark row of a JMH run: one subject, one variant, one set of parameters, with its per-fork scores in the
 * metric the report compares.
 *
 * @param id               the benchmark's measure, subject and variant
 * @param key              what the row is compared by (measure, variant, parameters)
 * @param metric           where the scores come from: {@value #ITEMS_METRIC} (the {@code @AuxCounters} count of
 *                         delivered items) or {@code primary (<mode>)}
 * @param unit             the JMH score unit, e.g. {@code ops/s}, {@code ns/op}
 * @param direction        which way the metric improves
 * @param stats            the per-fork scores
 * @param allocBytesPerOp  the median over forks of {@code gc.alloc.rate.norm} in B/op; empty when the run had no
 *                         {@code -prof gc}
 */
public record ResultRow(BenchmarkId id, RowKey key, String metric, String unit, Direction direction, ForkStats stats,
                        OptionalDouble allocBytesPerOp) {
    /** The secondary metric preferred over the primary one: items delivered per second. */
    public static final String ITEMS_METRIC = "items";
    /** Allocation below this many bytes per operation is JMH's measurement noise and counts as none. */
    public static final double ZERO_ALLOC_BELOW = 0.5;

    /**
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if the key's measure or variant differ from the id's
     */
    public ResultRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(allocBytesPerOp, "allocBytesPerOp");
        if (!id.measure().equals(key.measure()) || !id.variant().equals(key.variant())) {
            throw new IllegalArgumentException("key " + key.title() + " does not belong to " + id);
        }
    }

    /** @return the subject, e.g. {@code CapringSq} */
    public String subject() {
        return id.subject();
    }

    /** @return whether the subject is one of capring's own */
    public boolean isCapring() {
        return id.isCapring();
    }

    /** @return whether allocation was measured and is below {@value #ZERO_ALLOC_BELOW} B/op */
    public boolean allocatesNothing() {
        return allocBytesPerOp.isPresent() && allocBytesPerOp.getAsDouble() < ZERO_ALLOC_BELOW;
    }
}
