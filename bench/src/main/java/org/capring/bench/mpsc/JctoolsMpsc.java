package org.capring.bench.mpsc;

import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.capring.bench.throughput.Counters;
import org.capring.bench.throughput.Payload;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
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
 * JCTools {@link MpscArrayQueue} of pooled records. {@code submitTake}: uncontended, fill a record, {@code offer},
 * {@code poll}, read it. {@code transfer}: one producer thread offers, one consumer thread drains up to
 * {@value MpscParams#DRAIN} with {@code drain(consumer, limit)}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class JctoolsMpsc extends MpscParams {
    private static final int POOL_MASK = 2 * CAPACITY - 1;

    private MpscArrayQueue<Payload.Record> queue;
    private final Payload.Record[] pool = new Payload.Record[POOL_MASK + 1];
    private final Reader reader = new Reader();
    private long next;

    /** Sums each record's words. */
    static final class Reader implements MessagePassingQueue.Consumer<Payload.Record> {
        long sum;

        @Override
        public void accept(final Payload.Record record) {
            sum += record.sum();
        }
    }

    /** Allocates the queue and the pool. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        queue = new MpscArrayQueue<>(CAPACITY);
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Payload.Record();
        }
    }

    /** @return the sum of the words taken back */
    @Benchmark
    @Group("submitTake")
    public long submitTake() {
        final long v = next++;
        queue.offer(pool[(int) v & POOL_MASK].fill(v));
        return queue.poll().sum();
    }

    /** @param p producer's sequence and full count */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void produce(final Counters.Produced p) {
        final long v = Counters.peek(p);
        if (queue.offer(pool[(int) v & POOL_MASK].fill(v))) {
            Counters.sent(p);
        } else {
            Counters.full(p, pause);
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void consume(final Counters.Consumed c) {
        final int n = queue.drain(reader, DRAIN);
        Counters.received(c, n, pause);
    }
}
