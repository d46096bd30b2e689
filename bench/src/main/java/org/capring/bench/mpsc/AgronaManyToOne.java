package org.capring.bench.mpsc;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.capring.bench.BenchFlags;
import org.capring.bench.throughput.Payload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Uncontended Agrona {@link ManyToOneRingBuffer}: {@code tryClaim}, fill, {@code commit}, {@code read(handler, 1)}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class AgronaManyToOne {
    private ManyToOneRingBuffer ring;
    private final Reader reader = new Reader();
    private long next;

    /** Sums the message's words. */
    static final class Reader implements MessageHandler {
        long sum;

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            sum += Payload.sum((AtomicBuffer) buffer, index);
        }
    }

    /** Allocates the ring. */
    @Setup(Level.Trial)
    public void setUp() {
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(BenchFlags.CAPACITY * 64 + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /** @return the sum of the words taken back */
    @Benchmark
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
}
