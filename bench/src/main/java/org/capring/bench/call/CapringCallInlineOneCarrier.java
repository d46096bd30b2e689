package org.capring.bench.call;

import org.capring.bench.BenchFlags;
import org.capring.ring.call.DispatchMode;
import org.openjdk.jmh.annotations.Fork;

/**
 * One capring call with inline dispatch (caller reaps). One carrier thread for all virtual threads
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1}): every hand-off is a continuation switch on one core, none
 * migrates between cores or wakes a second carrier. Compare with the same design on the default two carriers.
 */
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR, BenchFlags.ONE_CARRIER})
public class CapringCallInlineOneCarrier extends CapringCallBench {
    @Override
    DispatchMode dispatch() {
        return DispatchMode.INLINE;
    }
}
