package org.capring.bench.mpsc;

import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.capring.bench.throughput.Payload;
import org.jctools.queues.MpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Uncontended JCTools {@link MpscArrayQueue}: fill a pooled record, {@code offer}, {@code poll}, read it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class JctoolsMpsc {
    private static final int POOL_MASK = 2 * BenchFlags.CAPACITY - 1;

    private MpscArrayQueue<Payload.Record> queue;
    private final Payload.Record[] pool = new Payload.Record[POOL_MASK + 1];
    private long next;

    /** Allocates the queue and the pool. */
    @Setup(Level.Trial)
    public void setUp() {
        queue = new MpscArrayQueue<>(BenchFlags.CAPACITY);
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Payload.Record();
        }
    }

    /** @return the sum of the words taken back */
    @Benchmark
    public long submitTake() {
        final long v = next++;
        queue.offer(pool[(int) v & POOL_MASK].fill(v));
        return queue.poll().sum();
    }
}
