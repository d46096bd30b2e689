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
 * JDK {@link ArrayBlockingQueue} carrying distinct pooled records, non-blocking {@code offer}/{@code poll}: the
 * producer offers {@code submit} records one after another (the JDK has no batch offer), the consumer polls one
 * record ({@code drain} 1) or takes up to {@code drain} with {@code drainTo(list, drain)}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class ArrayBlockingQueueRecords extends ThroughputParams {
    private ArrayBlockingQueue<Payload.Record> queue;
    private Payload.Record[] pool;
    private int poolMask;
    private ArrayList<Payload.Record> drained;

    /** Allocates the queue and the record pool. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        queue = new ArrayBlockingQueue<>(capacity);
        pool = new Payload.Record[2 * capacity];
        poolMask = pool.length - 1;
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Payload.Record();
        }
        drained = new ArrayList<>(drain);
    }

    private long read(final Payload.Record record) {
        return read == 1 ? record.userData() : record.sum();
    }

    /** @param p producer's sequence and full count */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void produce(final Counters.Produced p) {
        final int n = submit;
        long v = p.next;
        int i = 0;
        while (i < n && queue.offer(pool[(int) v & poolMask].fill(v))) {
            v++;
            i++;
        }
        p.next = v;
        if (i == 0) {
            Counters.full(p, pause);
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void consume(final Counters.Consumed c) {
        int n;
        if (drain == 1) {
            final Payload.Record record = queue.poll();
            n = 0;
            if (record != null) {
                c.sink += read(record);
                n = 1;
            }
        } else {
            n = queue.drainTo(drained, drain);
            for (int i = 0; i < n; i++) {
                c.sink += read(drained.get(i));
            }
            drained.clear();
        }
        Counters.received(c, n, pause);
    }
}
