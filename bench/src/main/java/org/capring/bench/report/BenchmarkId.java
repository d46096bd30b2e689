package org.capring.bench.report;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A benchmark name split by the suite's convention {@code org.capring.bench.<measure>.<Subject>.<variant>}: the
 * single package segment after {@value #ROOT} is the measure, the class simple name the subject, the JMH method or
 * {@code @Group} name the variant.
 *
 * @param measure what is measured, e.g. {@code throughput}; one lower-case-initial package segment
 * @param subject the implementation under test, e.g. {@code CapringSq}; an upper-case-initial class name
 * @param variant the JMH method or group name, e.g. {@code batched}
 */
public record BenchmarkId(String measure, String subject, String variant) {
    /** The package every benchmark of the suite lives under. */
    public static final String ROOT = "org.capring.bench";
    /** Subjects whose name starts with this are capring's own; all others are peers. */
    public static final String CAPRING_PREFIX = "Capring";

    private static final Pattern CONVENTION = Pattern.compile(
        Pattern.quote(ROOT) + "\\.([a-z][A-Za-z0-9_]*)\\.([A-Z][A-Za-z0-9_$]*)\\.([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * @throws NullPointerException if any part is null
     */
    public BenchmarkId {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(variant, "variant");
    }

    /**
     * Splits a JMH benchmark name.
     *
     * {@snippet :
     * BenchmarkId.parse("org.capring.bench.throughput.CapringSq.batched");
     * // Optional[BenchmarkId[measure=throughput, subject=CapringSq, variant=batched]]
     * BenchmarkId.parse("org.capring.bench.CapringSq.batched"); // Optional.empty: no measure package
     * }
     *
     * @param benchmark the fully qualified name JMH reports
     * @return the parts, or empty when the name does not follow the convention (another package, nested measure
     *     packages, a missing part)
     */
    public static Optional<BenchmarkId> parse(final String benchmark) {
        final var matcher = CONVENTION.matcher(benchmark);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new BenchmarkId(matcher.group(1), matcher.group(2), matcher.group(3)));
    }

    /** @return whether the subject is one of capring's own ({@value #CAPRING_PREFIX}…) rather than a peer */
    public boolean isCapring() {
        return subject.startsWith(CAPRING_PREFIX);
    }
}
