package org.capring.bench.mpsc;

import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.capring.bench.throughput.Counters;
import org.capring.bench.throughput.Payload;
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
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * capring's multi-producer SQ. {@code submitTake}: the uncontended path, one thread claims an SQE (CAS), fills it,
 * submits it, then takes it back with {@code drain(handler, 1)}; nanoseconds per operation. {@code transfer}: one
 * producer thread submits one SQE at a time, one consumer thread drains up to {@value MpscParams#DRAIN}; items per
 * second. Subclasses choose the wake-up mode.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public abstract class CapringMpscBench extends MpscParams {
    private Ring ring;
    private RingProducer<Sqe> producer;
    private RingConsumer<Sqe> consumer;
    private final Reader reader = new Reader();
    private long next;

    /** Sums the entry's words. */
    static final class Reader implements EntryHandler<Sqe> {
        long sum;

        @Override
        public void onEntry(final Sqe entry) {
            sum += Payload.sum(entry);
        }
    }

    /** @return wake-up mode of the SQ */
    abstract WakeupMode wakeup();

    /** Allocates the ring. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        ring = Ring.allocate(RingLayout.builder().sqCapacity(CAPACITY).sqProducers(ProducerMode.MULTI)
            .sqWakeup(wakeup()).slots(0, 0, 0).build());
        producer = ring.newSqProducer();
        consumer = ring.newSqConsumer();
    }

    /** Frees the ring. */
    @TearDown(Level.Trial)
    public void tearDown() {
        ring.close();
    }

    /** @return the sum of the words taken back */
    @Benchmark
    @Group("submitTake")
    public long submitTake() {
        final Sqe sqe = producer.tryClaim();
        Payload.fill(sqe, next++);
        producer.submit();
        consumer.drain(reader, 1);
        return reader.sum;
    }

    /** @param p producer's sequence and full count */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void produce(final Counters.Produced p) {
        final Sqe sqe = producer.tryClaim();
        if (sqe != null) {
            Payload.fill(sqe, Counters.next(p));
            producer.submit();
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
        final int n = consumer.drain(reader, DRAIN);
        Counters.received(c, n, pause);
    }
}
