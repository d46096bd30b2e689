package org.capring.bench.callrate;

import org.capring.bench.BenchFlags;
import org.openjdk.jmh.annotations.Fork;

/**
 * {@link CapringCalls} with a spin budget of two spinners: one more than the runtime allows on two processors,
 * as many as cores.
 */
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, "-Dcapring.spinPermits=2"})
public class CapringCallsTwoSpinners extends CapringCalls {
}
