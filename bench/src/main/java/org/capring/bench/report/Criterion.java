package org.capring.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Target} requires of its capring subject. Ratio criteria are judged on the median-fork advantage
 * ({@link Comparison#medianAdvantage()}); the best-fork advantage is shown next to it.
 */
public sealed interface Criterion {
    /**
     * @return the requirement as the report states it, e.g. {@code ≥ 4.00× AgronaOneToOne}
     */
    String requirement();

    /**
     * Capring beats a named peer by at least {@code factor}.
     *
     * @param peer   the peer subject
     * @param factor the minimum advantage; 1 means "no slower than"
     */
    record AtLeast(String peer, double factor) implements Criterion {
        /**
         * @throws NullPointerException     if {@code peer} is null
         * @throws IllegalArgumentException if {@code factor} is not positive
         */
        public AtLeast {
            Objects.requireNonNull(peer, "peer");
            requirePositive(factor);
        }

        @Override
        public String requirement() {
            return factor == 1.0 ? "no slower than " + peer : "≥ " + times(factor) + " " + peer;
        }
    }

    /**
     * Capring stays within {@code factor} of a physical floor: for costs {@code capring ≤ factor × floor}, for rates
     * {@code capring ≥ floor / factor}; i.e. an advantage of at least {@code 1 / factor}.
     *
     * @param floor  the floor subject
     * @param factor how far above the floor capring may be, at least 1
     */
    record WithinFactorOf(String floor, double factor) implements Criterion {
        /**
         * @throws NullPointerException     if {@code floor} is null
         * @throws IllegalArgumentException if {@code factor} is below 1
         */
        public WithinFactorOf {
            Objects.requireNonNull(floor, "floor");
            if (!(factor >= 1.0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("a floor factor is at least 1: " + factor);
            }
        }

        /** @return the minimum advantage, {@code 1 / factor} */
        public double threshold() {
            return 1.0 / factor;
        }

        @Override
        public String requirement() {
            return "≤ " + String.format(Locale.ROOT, "%.2f", factor) + " × " + floor + " (advantage ≥ "
                + times(threshold()) + ")";
        }
    }

    /**
     * Capring is no slower than the best (by median) of a set of peers.
     *
     * @param peers the peer subjects, at least one
     */
    record NoSlowerThanBestOf(List<String> peers) implements Criterion {
        /**
         * @throws IllegalArgumentException if {@code peers} is empty
         */
        public NoSlowerThanBestOf {
            peers = List.copyOf(peers);
            if (peers.isEmpty()) {
                throw new IllegalArgumentException("no peers");
            }
        }

        @Override
        public String requirement() {
            return "no slower than the best of " + String.join(", ", peers);
        }
    }

    /**
     * No requirement: the ratio to a peer is shown for context.
     *
     * @param peer the peer subject
     */
    record Informational(String peer) implements Criterion {
        /**
         * @throws NullPointerException if {@code peer} is null
         */
        public Informational {
            Objects.requireNonNull(peer, "peer");
        }

        @Override
        public String requirement() {
            return "shown vs " + peer;
        }
    }

    /**
     * The subject's own score barely changes between two values of a parameter: the advantage of the
     * {@code to} row over the {@code from} row is at least {@code minRatio} (for rates {@code to ÷ from}, for
     * costs {@code from ÷ to}), e.g. calls per second flat within 20% from 1 to 10,000 callers.
     *
     * @param param    the JMH parameter name
     * @param from     its baseline value
     * @param to       its value under load
     * @param minRatio smallest acceptable ratio, in (0, 1]
     */
    record Flat(String param, String from, String to, double minRatio) implements Criterion {
        /**
         * @throws NullPointerException     if a name or value is null
         * @throws IllegalArgumentException if {@code minRatio} is not in (0, 1]
         */
        public Flat {
            Objects.requireNonNull(param, "param");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!(minRatio > 0 && minRatio <= 1)) {
                throw new IllegalArgumentException("minRatio must be in (0, 1]: " + minRatio);
            }
        }

        @Override
        public String requirement() {
            return param + "=" + to + " within " + Math.round((1 - minRatio) * 100) + "% of " + param + "=" + from;
        }
    }

    /**
     * The subject's median reaches an absolute level: at least {@code value} for rates, at most for costs.
     *
     * @param value the level, in the row's unit
     * @param unit  the unit it is stated in (must match the row's)
     */
    record Reaches(double value, String unit) implements Criterion {
        /**
         * @throws NullPointerException     if {@code unit} is null
         * @throws IllegalArgumentException if {@code value} is not positive
         */
        public Reaches {
            Objects.requireNonNull(unit, "unit");
            requirePositive(value);
        }

        @Override
        public String requirement() {
            return "reaches " + String.format(Locale.ROOT, "%,.0f", value) + " " + unit;
        }
    }

    /** Every matching row allocates nothing: {@code gc.alloc.rate.norm} below {@value ResultRow#ZERO_ALLOC_BELOW}. */
    record ZeroAllocation() implements Criterion {
        @Override
        public String requirement() {
            return "gc.alloc.rate.norm < " + ResultRow.ZERO_ALLOC_BELOW + " B/op";
        }
    }

    /**
     * @param peer   the peer subject
     * @param factor the minimum advantage
     * @return capring beats {@code peer} by at least {@code factor}
     */
    static Criterion atLeast(final String peer, final double factor) {
        return new AtLeast(peer, factor);
    }

    /**
     * @param peer the peer subject
     * @return capring is no slower than {@code peer} (advantage at least 1)
     */
    static Criterion noSlowerThan(final String peer) {
        return new AtLeast(peer, 1.0);
    }

    /**
     * @param floor  the floor subject
     * @param factor how far above the floor capring may be
     * @return capring is within {@code factor} of {@code floor}
     */
    static Criterion withinFactorOf(final String floor, final double factor) {
        return new WithinFactorOf(floor, factor);
    }

    /**
     * @param peers the peer subjects
     * @return capring is no slower than the best of {@code peers}
     */
    static Criterion noSlowerThanBestOf(final String... peers) {
        return new NoSlowerThanBestOf(List.of(peers));
    }

    /**
     * @param peer the peer subject
     * @return the ratio to {@code peer}, shown without a requirement
     */
    static Criterion informational(final String peer) {
        return new Informational(peer);
    }

    /**
     * @param param    parameter name
     * @param from     baseline value
     * @param to       loaded value
     * @param minRatio smallest acceptable ratio
     * @return the subject's score at {@code to} is within {@code 1 - minRatio} of its score at {@code from}
     */
    static Criterion flat(final String param, final String from, final String to, final double minRatio) {
        return new Flat(param, from, to, minRatio);
    }

    /**
     * @param value level in the row's unit
     * @param unit  the unit
     * @return the subject's median reaches {@code value}
     */
    static Criterion reaches(final double value, final String unit) {
        return new Reaches(value, unit);
    }

    /** @return every matching row allocates nothing */
    static Criterion zeroAllocation() {
        return new ZeroAllocation();
    }

    private static void requirePositive(final double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be positive and finite: " + factor);
        }
    }

    private static String times(final double factor) {
        return String.format(Locale.ROOT, "%.2f×", factor);
    }
}
