package org.capring.bench.publish;

import java.util.concurrent.TimeUnit;

import org.agrona.UnsafeApi;
import org.capring.bench.BenchFlags;
import org.capring.bench.throughput.Counters;
import org.capring.bench.throughput.Payload;
import org.capring.bench.throughput.ThroughputParams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The throughput workload of {@code throughput.CapringSq} (seven payload words per 64-byte entry, the matrix of
 * {@link ThroughputParams}) over a {@link SchemeQueue}, one {@link Scheme} per {@code scheme} value.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class SchemeSq extends ThroughputParams {
    /** The publication scheme. */
    @Param({"SEQ_LAST", "SEQ_FIRST", "AGRONA_ORDER", "SEQ_LAST_COPY", "SEQ_LAST_BACKOFF", "TAIL", "COMMIT_ARRAY"})
    public String scheme;

    private SchemeQueue.Producer producer;
    private SchemeQueue.Consumer consumer;

    /** Allocates the queue. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        final SchemeQueue queue = new SchemeQueue(Scheme.valueOf(scheme), capacity, 64);
        producer = queue.producer();
        consumer = queue.consumer();
    }

    static void fill(final long address, final long v) {
        UnsafeApi.putLong(null, address, v);
        UnsafeApi.putLong(null, address + 8, v + 1);
        UnsafeApi.putLong(null, address + 16, v + 2);
        UnsafeApi.putLong(null, address + 24, v + 3);
        UnsafeApi.putLong(null, address + 32, v + 4);
        UnsafeApi.putLong(null, address + 40, v + 5);
        UnsafeApi.putLong(null, address + 48, v + 6);
    }

    static long sum(final long address) {
        return UnsafeApi.getLong(null, address) + UnsafeApi.getLong(null, address + 8)
            + UnsafeApi.getLong(null, address + 16) + UnsafeApi.getLong(null, address + 24)
            + UnsafeApi.getLong(null, address + 32) + UnsafeApi.getLong(null, address + 40)
            + UnsafeApi.getLong(null, address + 48);
    }

    /** @param p producer's sequence and full count */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void produce(final Counters.Produced p) {
        final SchemeQueue.Producer producer = this.producer;
        final int n = submit;
        if (producer.claim(n)) {
            long next = producer.next;
            for (int i = 0; i < n; i++) {
                fill(producer.payload(i), next++);
                producer.filled(i, Payload.BYTES);
            }
            producer.next = next;
            producer.publish();
        } else {
            Counters.full(p, pause);
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void consume(final Counters.Consumed c) {
        final SchemeQueue.Consumer consumer = this.consumer;
        final int n = consumer.available(drain);
        if (n > 0) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                final long address = consumer.payload(i);
                sum += read == 1 ? UnsafeApi.getLong(null, address + Payload.USER_DATA_WORD * 8) : sum(address);
            }
            consumer.release(n);
            Counters.sink(c, sum);
        }
        Counters.received(c, n, pause);
    }
}
