package org.capring.bench.throughput;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

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
 * with Agrona's 8-byte header), {@code read(handler, limit)} on the consumer side. Agrona has no batch claim, so
 * the batched producer claims {@value BenchFlags#BATCH} messages one after another.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class AgronaOneToOne {
    private static final int MSG_TYPE = 1;

    private OneToOneRingBuffer ring;
    private final Reader reader = new Reader();

    /** Sums and counts each message (counting here, not from read's return, which also counts padding). */
    static final class Reader implements MessageHandler {
        long sum;
        int count;

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            sum += Payload.sum((AtomicBuffer) buffer, index);
            count++;
        }
    }

    /** Allocates {@value BenchFlags#CAPACITY} records of 64 bytes. */
    @Setup(Level.Trial)
    public void setUp() {
        final int bytes = BenchFlags.CAPACITY * 64 + RingBufferDescriptor.TRAILER_LENGTH;
        ring = new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(bytes)));
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

    /** @param p producer's sequence */
    @Benchmark
    @Group("batched")
    @GroupThreads(1)
    public void batchedProduce(final Counters.Produced p) {
        for (int i = 0; i < BenchFlags.BATCH && offer(p.next); i++) {
            p.next++;
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("batched")
    @GroupThreads(1)
    public void batchedConsume(final Counters.Consumed c) {
        reader.count = 0;
        ring.read(reader, BenchFlags.BATCH);
        c.items += reader.count;
    }

    /** @param p producer's sequence */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedProduce(final Counters.Produced p) {
        if (offer(p.next)) {
            p.next++;
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedConsume(final Counters.Consumed c) {
        reader.count = 0;
        ring.read(reader, 1);
        c.items += reader.count;
    }
}
