package org.capring.bench.mpsc;

import java.util.concurrent.TimeUnit;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.capring.bench.BenchFlags;
import org.capring.bench.throughput.Counters;
import org.capring.bench.throughput.Payload;
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
 * Agrona {@link ManyToOneRingBuffer} of 56-byte messages (64-byte records, cache-line-aligned buffer).
 * {@code submitTake}: uncontended {@code tryClaim}, fill, {@code commit}, {@code read(handler, 1)}. {@code transfer}:
 * one producer thread claims and commits, one consumer thread reads up to {@value MpscParams#DRAIN}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class AgronaManyToOne extends MpscParams {
    private ManyToOneRingBuffer ring;
    private final Reader reader = new Reader();
    private long next;

    /** Sums and counts the messages' words. */
    static final class Reader implements MessageHandler {
        long sum;
        int count;

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            sum += Payload.sum((AtomicBuffer) buffer, index);
            count++;
        }
    }

    /** Allocates the ring. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(CAPACITY * 64 + RingBufferDescriptor.TRAILER_LENGTH, 64)));
    }

    /** @return the sum of the words taken back */
    @Benchmark
    @Group("submitTake")
    public long submitTake() {
        final int at = ring.tryClaim(1, Payload.BYTES);
        Payload.fill(ring.buffer(), at, next++);
        ring.commit(at);
        // A read right after the ring wraps may consume only the padding record; read again in that case.
        if (ring.read(reader, 1) == 0) {
            ring.read(reader, 1);
        }
        return reader.sum;
    }

    /** @param p producer's sequence and full count */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void produce(final Counters.Produced p) {
        final int at = ring.tryClaim(1, Payload.BYTES);
        if (at > 0) {
            Payload.fill(ring.buffer(), at, Counters.next(p));
            ring.commit(at);
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
        final Reader reader = this.reader;
        reader.count = 0;
        ring.read(reader, DRAIN);
        final int n = reader.count;
        Counters.received(c, n, pause);
    }
}
