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
 * the queue's size (so no record in flight is overwritten) and offers it; {@code submit} records go in with one
 * {@code fill(supplier, submit)} (which takes as many as fit). The consumer takes up to {@code drain} records with
 * {@code drain(consumer, drain)} and reads one or all of their words.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class JctoolsSpscRecords extends ThroughputParams {
    private SpscArrayQueue<Payload.Record> queue;
    private Payload.Record[] pool;
    private int poolMask;
    private MessagePassingQueue.Consumer<Payload.Record> reader;
    private final Writer writer = new Writer();

    /** Reads the userData word of each record. */
    static final class ReadOne implements MessagePassingQueue.Consumer<Payload.Record> {
        long sum;

        @Override
        public void accept(final Payload.Record record) {
            sum += record.userData();
        }
    }

    /** Reads every word of each record. */
    static final class ReadAll implements MessagePassingQueue.Consumer<Payload.Record> {
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
            return pool[(int) v & poolMask].fill(v);
        }
    }

    /** Allocates the queue and the record pool. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        queue = new SpscArrayQueue<>(capacity);
        pool = new Payload.Record[2 * capacity];
        poolMask = pool.length - 1;
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Payload.Record();
        }
        reader = read == 1 ? new ReadOne() : new ReadAll();
    }

    /** @param p full count (the sequence lives in the writer) */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void produce(final Counters.Produced p) {
        final boolean sent;
        if (submit == 1) {
            final Writer writer = this.writer;
            final long v = writer.next;
            sent = queue.offer(pool[(int) v & poolMask].fill(v));
            if (sent) {
                writer.next = v + 1;
            }
        } else {
            sent = queue.fill(writer, submit) > 0;
        }
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
