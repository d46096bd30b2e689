package org.capring.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void score_eachMagnitude_keepsAboutFourSignificantDigits() {
        assertEquals("19,151,670", Numbers.score(19151669.98));
        assertEquals("506.4", Numbers.score(506.3963));
        assertEquals("28.31", Numbers.score(28.306));
        assertEquals("0.0421", Numbers.score(0.04213));
        assertEquals("0.00", Numbers.score(0));
    }

    @Test
    void alloc_belowHalfAByte_printsZero() {
        assertEquals("0", Numbers.alloc(OptionalDouble.of(0.000_1)));
        assertEquals("0", Numbers.alloc(OptionalDouble.of(0.499)));
    }

    @Test
    void alloc_fromHalfAByte_printsOneDecimal() {
        assertEquals("0.5", Numbers.alloc(OptionalDouble.of(0.5)));
        assertEquals("24.0", Numbers.alloc(OptionalDouble.of(24.0)));
    }

    @Test
    void alloc_absent_printsNotAvailable() {
        assertEquals("n/a", Numbers.alloc(OptionalDouble.empty()));
    }

    @Test
    void ratio_values_printTwoDecimalsAndTimes() {
        assertEquals("2.56×", Numbers.ratio(2.5627));
        assertEquals("—", Numbers.ratio(OptionalDouble.empty()));
        assertEquals("∞", Numbers.ratio(Double.POSITIVE_INFINITY));
    }

    @Test
    void exact_largeAndSmallValues_printWithoutExponent() {
        assertEquals("28305834.488067888", Numbers.exact(2.8305834488067888E7));
        assertEquals("0.0005296590856331844", Numbers.exact(5.296590856331844E-4));
        assertEquals("24", Numbers.exact(24.0));
    }
}
