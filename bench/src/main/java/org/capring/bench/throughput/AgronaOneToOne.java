package org.capring.bench.throughput;

import java.util.concurrent.TimeUnit;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
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
 * Agrona {@link OneToOneRingBuffer}: zero-copy {@code tryClaim}/{@code commit} of 56-byte messages (64-byte records
 * with Agrona's 8-byte header, in a buffer aligned to the cache line as Agrona's {@code BufferUtil} allocates it),
 * {@code read(handler, drain)} on the consumer side. Agrona has no batch claim, so a producer submitting
 * {@code submit} entries claims and commits that many messages one after another.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class AgronaOneToOne extends ThroughputParams {
    private static final int MSG_TYPE = 1;

    private OneToOneRingBuffer ring;
    private Reader reader;

    /** Counts each message (counting here, not from read's return, which also counts padding). */
    abstract static class Reader implements MessageHandler {
        long sum;
        int count;
    }

    /** Reads the userData word of each message. */
    static final class ReadOne extends Reader {
        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            sum += buffer.getLong(index + Payload.USER_DATA_WORD * 8);
            count++;
        }
    }

    /** Reads every payload word of each message. */
    static final class ReadAll extends Reader {
        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            sum += Payload.sum((AtomicBuffer) buffer, index);
            count++;
        }
    }

    /** Allocates {@code capacity} records of 64 bytes. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        final int bytes = capacity * 64 + RingBufferDescriptor.TRAILER_LENGTH;
        ring = new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(bytes, 64)));
        reader = read == 1 ? new ReadOne() : new ReadAll();
    }

    private boolean offer(final long value) {
        final int index = ring.tryClaim(MSG_TYPE, Payload.BYTES);
        if (index <= 0) {
            return false;
        }
        Payload.fill(ring.buffer(), index, value);
        ring.commit(index);
        return true;
    }

    /** @param p producer's sequence and full count */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void produce(final Counters.Produced p) {
        final int n = submit;
        long next = p.next;
        int i = 0;
        while (i < n && offer(next)) {
            next++;
            i++;
        }
        p.next = next;
        if (i == 0) {
            Counters.full(p, pause);
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void consume(final Counters.Consumed c) {
        final Reader reader = this.reader;
        reader.count = 0;
        ring.read(reader, drain);
        final int n = reader.count;
        Counters.received(c, n, pause);
    }
}
