package org.capring.bench.throughput;

import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
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
 * JDK {@link ArrayBlockingQueue} carrying distinct pooled records, non-blocking {@code offer}/{@code poll}.
 * Batched: {@value BenchFlags#BATCH} offers per call (the JDK has no batch offer) and {@code drainTo(list, n)}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class ArrayBlockingQueueRecords {
    private static final int POOL_MASK = 2 * BenchFlags.CAPACITY - 1;

    private ArrayBlockingQueue<Payload.Record> queue;
    private final Payload.Record[] pool = new Payload.Record[POOL_MASK + 1];
    private final ArrayList<Payload.Record> drained = new ArrayList<>(BenchFlags.BATCH);

    /** Allocates the queue and the record pool. */
    @Setup(Level.Trial)
    public void setUp() {
        queue = new ArrayBlockingQueue<>(BenchFlags.CAPACITY);
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Payload.Record();
        }
    }

    private boolean offer(final Counters.Produced p) {
        final long v = p.next;
        if (queue.offer(pool[(int) v & POOL_MASK].fill(v))) {
            p.next = v + 1;
            return true;
        }
        return false;
    }

    /** @param p producer's sequence */
    @Benchmark
    @Group("batched")
    @GroupThreads(1)
    public void batchedProduce(final Counters.Produced p) {
        for (int i = 0; i < BenchFlags.BATCH && offer(p); i++) {
            // offered
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("batched")
    @GroupThreads(1)
    public void batchedConsume(final Counters.Consumed c) {
        final int n = queue.drainTo(drained, BenchFlags.BATCH);
        for (int i = 0; i < n; i++) {
            c.sink += drained.get(i).sum();
        }
        drained.clear();
        c.items += n;
    }

    /** @param p producer's sequence */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedProduce(final Counters.Produced p) {
        offer(p);
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
