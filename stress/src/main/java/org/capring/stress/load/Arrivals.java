package org.capring.stress.load;

import java.util.Locale;

/** How intended start times are spaced. */
public enum Arrivals {
    /** Exactly {@code 1 / rate} apart (wrk2's schedule). */
    CONSTANT,
    /** A Poisson process of the rate: exponentially distributed gaps, drawn from the seed. */
    POISSON;

    /** @return the name on the command line */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
