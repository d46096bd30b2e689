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
 * JCTools {@link SpscArrayQueue} passing one shared reference: no payload is written or read, so {@code read} changes
 * nothing here (it is a parameter only so that every cell of the matrix has this row). This is the upper bound of a
 * reference queue, not the same workload as the 64-byte subjects; it shows what the payload costs.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class JctoolsSpscRefs extends ThroughputParams {
    private static final Object TOKEN = new Object();

    private SpscArrayQueue<Object> queue;
    private final MessagePassingQueue.Supplier<Object> writer = () -> TOKEN;
    private final MessagePassingQueue.Consumer<Object> reader = o -> { };

    /** Allocates the queue. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        queue = new SpscArrayQueue<>(capacity);
    }

    /** @param p full count */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void produce(final Counters.Produced p) {
        final boolean sent = submit == 1 ? queue.offer(TOKEN) : queue.fill(writer, submit) > 0;
        if (!sent) {
            Counters.full(p, pause);
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void consume(final Counters.Consumed c) {
        final int n = queue.drain(reader, drain);
        Counters.received(c, n, pause);
    }
}
