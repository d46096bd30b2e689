package org.capring.bench.report;

import java.util.Objects;

/**
 * A stated performance goal, checked against every run. A target applies to each row key of its measure whose variant
 * matches; a missing row makes it {@link TargetResult.Status#NOT_MEASURED} rather than invisible.
 *
 * {@snippet :
 * new Target("5.1", "a call round trip beats gRPC by 2×", "call", Target.ANY, "CapringCall",
 *     Criterion.atLeast("GrpcCall", 2.0)); // one result per measured 'callers' value
 * }
 *
 * @param id        a short label, e.g. {@code 1.1}
 * @param text      the goal in words
 * @param measure   the measure, or {@value #ANY} (allowed only with {@link Criterion.ZeroAllocation})
 * @param variant   the variant, or {@value #ANY} for every measured variant
 * @param subject   the capring subject; with {@link Criterion.ZeroAllocation} a name ending in {@value #ANY} matches
 *                  as a prefix (e.g. {@code Capring*})
 * @param criterion what is required
 */
public record Target(String id, String text, String measure, String variant, String subject, Criterion criterion) {
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
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(criterion, "criterion");
        if (!(criterion instanceof Criterion.ZeroAllocation) && (measure.equals(ANY) || subject.endsWith(ANY))) {
            throw new IllegalArgumentException("target " + id + ": a ratio needs one measure and one subject");
        }
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
     * @param candidate a subject
     * @return whether this target is about it
     */
    public boolean matchesSubject(final String candidate) {
        return subject.endsWith(ANY)
            ? candidate.startsWith(subject.substring(0, subject.length() - ANY.length()))
            : subject.equals(candidate);
    }

    /** @return the rows this target looks at, e.g. {@code roundtrip / any variant} */
    public String scope() {
        return (measure.equals(ANY) ? "every measure" : measure) + " / "
            + (variant.equals(ANY) ? "any variant" : variant);
    }
}
