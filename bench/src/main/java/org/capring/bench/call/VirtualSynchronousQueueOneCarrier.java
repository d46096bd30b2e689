package org.capring.bench.call;

import org.capring.bench.BenchFlags;
import org.openjdk.jmh.annotations.Fork;

/**
 * The virtual-thread {@code SynchronousQueue} round trip on one carrier thread
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1}), the peer of {@link CapringCallOneCarrier}.
 */
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR, BenchFlags.ONE_CARRIER})
public class VirtualSynchronousQueueOneCarrier extends VirtualSynchronousQueue {
}
