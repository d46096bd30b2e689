package org.capring.stress.latency;

import java.util.Locale;

/** The three latencies recorded for every call, each in its own HdrHistogram log. */
public enum Measure {
    /** From the call's intended start to its answer: what a caller on the schedule saw (coordinated omission corrected). */
    CORRECTED,
    /** From the call's actual submission to its answer: what a closed-loop tool would report. */
    UNCORRECTED,
    /** From the call's intended start to the moment its caller started: the generator's own lag. */
    LAG;

    /** @return the log's file name, e.g. {@code corrected.hlog} */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT) + ".hlog";
    }

    /** @return the measure's name in reports */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
