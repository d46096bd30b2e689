package org.capring.bench.roundtrip;

import java.util.concurrent.TimeUnit;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.capring.bench.BenchFlags;
import org.capring.bench.EchoLoop;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Round trip over a pair of Agrona {@link OneToOneRingBuffer}s: 56-byte requests out (64-byte records), 24-byte
 * responses back (32-byte records), zero-copy {@code tryClaim}/{@code commit}, buffers aligned to the cache line;
 * both sides spin on {@code read}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class AgronaOneToOnePair extends RoundtripParams {
    private static final int REQUEST = 1;
    private static final int RESPONSE = 2;
    private static final int RESPONSE_BYTES = 24;

    private OneToOneRingBuffer requests;
    private OneToOneRingBuffer responses;
    private final Reaper reaper = new Reaper();
    private EchoLoop echo;
    private long next;

    /** Remembers the echoed userData. */
    static final class Reaper implements MessageHandler {
        long userData;
        boolean got;

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            userData = buffer.getLong(index);
            got = true;
        }
    }

    /** Answers each request with a response record. */
    static final class Echo extends EchoLoop implements MessageHandler {
        private final OneToOneRingBuffer requests;
        private final OneToOneRingBuffer responses;
        private boolean answered;

        Echo(final OneToOneRingBuffer requests, final OneToOneRingBuffer responses) {
            this.requests = requests;
            this.responses = responses;
        }

        @Override
        protected boolean step() {
            answered = false;
            requests.read(this, 1);
            return answered;
        }

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length) {
            int at;
            while ((at = responses.tryClaim(RESPONSE, RESPONSE_BYTES)) <= 0) {
                idle();
            }
            final MutableDirectBuffer out = responses.buffer();
            out.putLong(at, buffer.getLong(index + 24));
            out.putInt(at + 8, 0);
            out.putInt(at + 12, length);
            out.putLong(at + 16, buffer.getLong(index + 48));
            responses.commit(at);
            answered = true;
        }
    }

    private static OneToOneRingBuffer ring(final int recordBytes) {
        return new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            BenchFlags.CAPACITY * recordBytes + RingBufferDescriptor.TRAILER_LENGTH, 64)));
    }

    /** Allocates both rings and starts the echo thread. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        requests = ring(64);
        responses = ring(32);
        echo = new Echo(requests, responses);
        echo.start("agrona-echo", pause);
    }

    /**
     * Stops the echo thread.
     *
     * @throws InterruptedException if interrupted while joining it
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        echo.stop();
    }

    /** @return the echoed userData */
    @Benchmark
    public long roundTrip() {
        final long v = next++;
        int at;
        while ((at = requests.tryClaim(REQUEST, Payload.BYTES)) <= 0) {
            idle();
        }
        Payload.fill(requests.buffer(), at, v);
        requests.commit(at);
        reaper.got = false;
        do {
            responses.read(reaper, 1);
        } while (!reaper.got && spin());
        return reaper.userData;
    }

    private boolean spin() {
        idle();
        return true;
    }
}
