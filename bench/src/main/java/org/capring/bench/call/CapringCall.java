package org.capring.bench.call;

/** One capring call: endpoint loop, caller reaps, {@link EchoRig#SPIN_ROUNDS} spin rounds before parking. */
public class CapringCall extends CapringCallBench {
}
