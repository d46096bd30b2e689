package org.capring.bench.roundtrip;

import org.capring.bench.PollingStyle;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters every round-trip subject runs with: the polling style, in which both the benchmark thread and the
 * echo thread wait.
 */
@State(Scope.Benchmark)
public abstract class RoundtripParams extends PollingStyle {
}
