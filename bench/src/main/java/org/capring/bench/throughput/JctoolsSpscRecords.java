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
 * JCTools {@link SpscArrayQueue} carrying distinct records: the producer fills the next record of a pool twice
 * the queue's size (so no record in flight is overwritten) and offers it; the consumer reads its seven words.
 * Batched: {@code fill(supplier, limit)} and {@code drain(consumer, limit)}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class JctoolsSpscRecords {
    private static final int POOL_MASK = 2 * BenchFlags.CAPACITY - 1;

    private SpscArrayQueue<Payload.Record> queue;
    private final Payload.Record[] pool = new Payload.Record[POOL_MASK + 1];
    private final Reader reader = new Reader();
    private final Writer writer = new Writer();

    /** Sums and counts each record. */
    static final class Reader implements MessagePassingQueue.Consumer<Payload.Record> {
        long sum;

        @Override
        public void accept(final Payload.Record record) {
            sum += record.sum();
        }
    }

    /** Fills the next pooled record. */
    final class Writer implements MessagePassingQueue.Supplier<Payload.Record> {
        long next;

        @Override
        public Payload.Record get() {
            final long v = next++;
            return pool[(int) v & POOL_MASK].fill(v);
        }
    }

    /** Allocates the queue and the record pool. */
    @Setup(Level.Trial)
    public void setUp() {
        queue = new SpscArrayQueue<>(BenchFlags.CAPACITY);
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Payload.Record();
        }
    }

    /** Producer of the batched group (its sequence lives in the writer). */
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

    /** @param p producer's sequence */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedProduce(final Counters.Produced p) {
        final long v = p.next;
        if (queue.offer(pool[(int) v & POOL_MASK].fill(v))) {
            p.next = v + 1;
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedConsume(final Counters.Consumed c) {
        final Payload.Record record = queue.poll();
        if (record != null) {
            c.sink += record.sum();
            c.items++;
        }
    }
}
