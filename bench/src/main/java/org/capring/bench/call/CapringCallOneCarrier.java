package org.capring.bench.call;

import org.capring.bench.BenchFlags;
import org.openjdk.jmh.annotations.Fork;

/**
 * One capring call in the default design (endpoint loop, caller reaps). One carrier thread for all virtual threads
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1}): every hand-off is a continuation switch on one core, none
 * migrates between cores or wakes a second carrier. Compare with the same design on the default two carriers.
 */
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR, BenchFlags.ONE_CARRIER})
public class CapringCallOneCarrier extends CapringCallBench {
}
