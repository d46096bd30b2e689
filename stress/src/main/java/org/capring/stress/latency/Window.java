package org.capring.stress.latency;

import java.util.Locale;

/**
 * The lifecycle window a call's intended start falls in; latency is recorded and logged per window (the tags of
 * the HdrHistogram logs).
 */
public enum Window {
    /** No event running and none just ended. */
    STEADY,
    /** A drain (and the restart after it) is running. */
    DRAINING,
    /** A handoff is running. */
    HANDOFF,
    /** A fault is running: reaping paused, or a revocation. */
    FAULT,
    /** Shortly after an event ended (the recovery). */
    AFTER,
    /** The run's first second (a tenth of a shorter run): class loading and the JIT, kept out of the others. */
    WARMUP;

    private static final Window[] VALUES = values();

    /** @return the tag in the logs, e.g. {@code draining} */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param ordinal an ordinal
     * @return the window
     */
    public static Window of(final int ordinal) {
        return VALUES[ordinal];
    }
}
