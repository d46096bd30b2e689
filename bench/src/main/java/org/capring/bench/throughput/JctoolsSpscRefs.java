package org.capring.bench.throughput;

import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JCTools {@link SpscArrayQueue} passing one shared reference: no payload is written or read. This is the
 * upper bound of a reference queue, not the same workload as the 64-byte subjects; it shows what the payload
 * costs.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class JctoolsSpscRefs {
    private static final Object TOKEN = new Object();

    private SpscArrayQueue<Object> queue;
    private final MessagePassingQueue.Supplier<Object> writer = () -> TOKEN;
    private final MessagePassingQueue.Consumer<Object> reader = o -> { };

    /** Allocates the queue. */
    @Setup(Level.Trial)
    public void setUp() {
        queue = new SpscArrayQueue<>(BenchFlags.CAPACITY);
    }

    /** Producer of the batched group. */
    @Benchmark
    @Group("batched")
    @GroupThreads(1)
    public void batchedProduce() {
        queue.fill(writer, BenchFlags.BATCH);
    }

    /** @param c items received */
    @Benchmark
    @Group("batched")
    @GroupThreads(1)
    public void batchedConsume(final Counters.Consumed c) {
        c.items += queue.drain(reader, BenchFlags.BATCH);
    }

    /** Producer of the unbatched group. */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedProduce() {
        queue.offer(TOKEN);
    }

    /** @param c items received */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedConsume(final Counters.Consumed c) {
        if (queue.poll() != null) {
            c.items++;
        }
    }
}
