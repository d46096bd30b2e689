package org.capring.bench.report;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A stated performance goal, checked against every run. A target applies to every row key (every <i>cell</i>) of its
 * measure whose variant matches and whose parameters include {@code where}; it is met only when every such cell meets
 * it, and the report shows its worst cell. A missing row makes it {@link TargetResult.Status#NOT_MEASURED} rather than
 * invisible.
 *
 * {@snippet :
 * // judged on every cell of the throughput matrix with submit=1 (both polling styles, every drain and capacity)
 * new Target("1.1", "one-entry submit at least 3× Agrona", "throughput", "transfer", Map.of("submit", "1"),
 *     "CapringSq", Criterion.atLeast("AgronaOneToOne", 3.0));
 * }
 *
 * @param id        a short label, e.g. {@code 1.1}
 * @param text      the goal in words
 * @param measure   the measure, or {@value #ANY} (allowed only with {@link Criterion.ZeroAllocation})
 * @param variant   the variant, or {@value #ANY} for every measured variant
 * @param where     JMH parameter values a cell must have to be judged (ordered by name); empty for every cell
 * @param subject   the capring subject; with {@link Criterion.ZeroAllocation} a name ending in {@value #ANY} matches
 *                  as a prefix (e.g. {@code Capring*})
 * @param criterion what is required
 */
public record Target(String id, String text, String measure, String variant, SortedMap<String, String> where,
                     String subject, Criterion criterion) {
    /** Matches anything (measure, variant), or ends a subject prefix. */
    public static final String ANY = "*";

    /**
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if a ratio criterion has a wildcard measure or subject
     */
    public Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(variant, "variant");
        where = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(where, "where")));
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(criterion, "criterion");
        if (!(criterion instanceof Criterion.ZeroAllocation) && (measure.equals(ANY) || subject.endsWith(ANY))) {
            throw new IllegalArgumentException("target " + id + ": a ratio needs one measure and one subject");
        }
    }

    /**
     * A target over every cell of its measure and variant.
     *
     * @param id        a short label
     * @param text      the goal in words
     * @param measure   the measure, or {@value #ANY}
     * @param variant   the variant, or {@value #ANY}
     * @param subject   the capring subject (or prefix, see above)
     * @param criterion what is required
     * @throws NullPointerException     if any argument is null
     * @throws IllegalArgumentException if a ratio criterion has a wildcard measure or subject
     */
    public Target(final String id, final String text, final String measure, final String variant, final String subject,
                  final Criterion criterion) {
        this(id, text, measure, variant, new TreeMap<>(), subject, criterion);
    }

    /**
     * A target over the cells of its measure and variant that have the given parameter values.
     *
     * @param id        a short label
     * @param text      the goal in words
     * @param measure   the measure, or {@value #ANY}
     * @param variant   the variant, or {@value #ANY}
     * @param where     parameter values a cell must have
     * @param subject   the capring subject (or prefix, see above)
     * @param criterion what is required
     * @throws NullPointerException     if any argument is null
     * @throws IllegalArgumentException if a ratio criterion has a wildcard measure or subject
     */
    public Target(final String id, final String text, final String measure, final String variant,
                  final Map<String, String> where, final String subject, final Criterion criterion) {
        this(id, text, measure, variant, new TreeMap<>(where), subject, criterion);
    }

    /**
     * @param candidate a measure
     * @return whether this target covers it
     */
    public boolean matchesMeasure(final String candidate) {
        return measure.equals(ANY) || measure.equals(candidate);
    }

    /**
     * @param candidate a variant
     * @return whether this target covers it
     */
    public boolean matchesVariant(final String candidate) {
        return variant.equals(ANY) || variant.equals(candidate);
    }

    /**
     * @param key a row key
     * @return whether this target judges that cell: measure, variant and every {@link #where} value match
     */
    public boolean matches(final RowKey key) {
        if (!matchesMeasure(key.measure()) || !matchesVariant(key.variant())) {
            return false;
        }
        for (final Map.Entry<String, String> required : where.entrySet()) {
            if (!required.getValue().equals(key.params().get(required.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param candidate a subject
     * @return whether this target is about it
     */
    public boolean matchesSubject(final String candidate) {
        return subject.endsWith(ANY)
            ? candidate.startsWith(subject.substring(0, subject.length() - ANY.length()))
            : subject.equals(candidate);
    }

    /** @return the rows this target looks at, e.g. {@code throughput / transfer where submit=1} */
    public String scope() {
        return (measure.equals(ANY) ? "every measure" : measure) + " / "
            + (variant.equals(ANY) ? "any variant" : variant)
            + (where.isEmpty() ? "" : " where " + where.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));
    }
}
