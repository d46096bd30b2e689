package org.capring.bench.report;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalDouble;

/** How the report and the summary print numbers; locale-independent so reports diff cleanly. */
final class Numbers {
    private Numbers() {
    }

    /**
     * @param score a score in its JMH unit
     * @return about four significant digits: {@code 19,151,670}, {@code 506.4}, {@code 28.31}, {@code 0.0421}
     */
    static String score(final double score) {
        if (Double.isNaN(score)) {
            return "n/a";
        }
        if (Double.isInfinite(score)) {
            return score > 0 ? "∞" : "-∞";
        }
        final double magnitude = Math.abs(score);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", score);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.1f", score);
        }
        if (magnitude >= 1 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.2f", score);
        }
        return String.format(Locale.ROOT, "%.3g", score);
    }

    /**
     * @param ratio an oriented advantage
     * @return e.g. {@code 2.56×}
     */
    static String ratio(final double ratio) {
        if (Double.isNaN(ratio)) {
            return "n/a";
        }
        if (Double.isInfinite(ratio)) {
            return "∞";
        }
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    /**
     * @param ratio an oriented advantage, possibly absent
     * @return the ratio, or an em dash when absent
     */
    static String ratio(final OptionalDouble ratio) {
        return ratio.isPresent() ? ratio(ratio.getAsDouble()) : "—";
    }

    /**
     * @param bytesPerOp {@code gc.alloc.rate.norm}, possibly absent
     * @return {@code n/a} when absent, {@code 0} below {@value ResultRow#ZERO_ALLOC_BELOW} B/op (JMH's noise floor),
     *     else the value with one decimal
     */
    static String alloc(final OptionalDouble bytesPerOp) {
        if (bytesPerOp.isEmpty()) {
            return "n/a";
        }
        final double value = bytesPerOp.getAsDouble();
        return value < ResultRow.ZERO_ALLOC_BELOW ? "0" : String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * @param value any double
     * @return its shortest round-tripping decimal form without exponent (e.g. {@code 28305834.488067888}), for
     *     machine-readable output; {@code NaN} and infinities as {@link Double#toString} spells them
     */
    static String exact(final double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
            : Double.toString(value);
    }
}
