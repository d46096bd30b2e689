package org.capring.stress.report;

import java.util.Objects;

import org.capring.stress.scenario.SaturationFinder;

/**
 * How a run came about, for its report: the command that ran it, the environment, and where its rate came from.
 *
 * @param command     the command line
 * @param environment JDK, flags, CPU
 * @param fraction    the fraction of the saturation rate it ran at, or {@code NaN} if the rate was given
 * @param saturation  the saturation search whose rate the fraction applies to, or null
 */
public record RunContext(String command, Environment environment, double fraction, SaturationFinder.Result saturation) {
    /** @throws NullPointerException if command or environment is null */
    public RunContext {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(environment, "environment");
    }
}
