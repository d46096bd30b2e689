package org.capring.bench.roundtrip;

import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.capring.bench.EchoLoop;
import org.capring.bench.throughput.Payload;
import org.capring.ring.Cqe;
import org.capring.ring.EntryHandler;
import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingConsumer;
import org.capring.ring.RingLayout;
import org.capring.ring.RingProducer;
import org.capring.ring.Sqe;
import org.capring.ring.WakeupMode;
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
 * One capring round trip: the benchmark thread submits an SQE (seven payload words), an echo thread drains it
 * and posts a CQE with the same userData, the benchmark thread reaps the CQE. Both sides spin. Subclasses choose
 * the CQ's producer mode and the queues' wake-up mode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public abstract class CapringRingBench extends RoundtripParams {
    private Ring ring;
    private RingProducer<Sqe> sq;
    private RingConsumer<Cqe> cq;
    private final Reaper reaper = new Reaper();
    private EchoLoop echo;
    private long next;

    /** Remembers the userData of the reaped completion. */
    static final class Reaper implements EntryHandler<Cqe> {
        long userData;

        @Override
        public void onEntry(final Cqe entry) {
            userData = entry.userData();
        }
    }

    /** Drains requests and answers each with a completion. */
    static final class Echo extends EchoLoop implements EntryHandler<Sqe> {
        private final RingConsumer<Sqe> sq;
        private final RingProducer<Cqe> cq;

        Echo(final RingConsumer<Sqe> sq, final RingProducer<Cqe> cq) {
            this.sq = sq;
            this.cq = cq;
        }

        @Override
        protected boolean step() {
            return sq.drain(this, 1) > 0;
        }

        @Override
        public void onEntry(final Sqe request) {
            Cqe completion;
            while ((completion = cq.tryClaim()) == null) {
                idle();
            }
            completion.set(request.userData(), 0, 0, request.callSlot(), request.paramsLength());
            cq.submit();
        }
    }

    /** @return producer mode of the CQ (the call runtime uses {@link ProducerMode#MULTI}) */
    abstract ProducerMode cqProducers();

    /** @return wake-up mode of both queues */
    abstract WakeupMode wakeup();

    /** Allocates the ring and starts the echo thread. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        ring = Ring.allocate(RingLayout.builder().sqCapacity(BenchFlags.CAPACITY).cqProducers(cqProducers())
            .sqWakeup(wakeup()).cqWakeup(wakeup()).slots(0, 0, 0).build());
        sq = ring.newSqProducer();
        cq = ring.newCqConsumer();
        echo = new Echo(ring.newSqConsumer(), ring.newCqProducer());
        echo.start("capring-echo", pause);
    }

    /**
     * Stops the echo thread, then frees the ring.
     *
     * @throws InterruptedException if interrupted while joining the echo thread
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        echo.stop();
        ring.close();
    }

    /** @return the echoed userData */
    @Benchmark
    public long roundTrip() {
        final long userData = next++;
        Sqe sqe;
        while ((sqe = sq.tryClaim()) == null) {
            idle();
        }
        Payload.fill(sqe, userData);
        sq.submit();
        while (cq.drain(reaper, 1) == 0) {
            idle();
        }
        return reaper.userData;
    }
}
