package org.capring.bench.throughput;

import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
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
 * capring's submission queue, single producer: claim {@code submit} entries, fill every field of each SQE in place,
 * submit them with one call; the consumer drains up to {@code drain} entries in place per call. Subclasses choose
 * the queue's {@link WakeupMode}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public abstract class CapringSqBench extends ThroughputParams {
    private Ring ring;
    private RingProducer<Sqe> producer;
    private RingConsumer<Sqe> consumer;
    private EntryHandler<Sqe> reader;

    /** Reads the userData word of each entry. */
    static final class ReadOne implements EntryHandler<Sqe> {
        long sum;

        @Override
        public void onEntry(final Sqe entry) {
            sum += entry.userData();
        }
    }

    /** Reads every word of each entry. */
    static final class ReadAll implements EntryHandler<Sqe> {
        long sum;

        @Override
        public void onEntry(final Sqe entry) {
            sum += Payload.sum(entry);
        }
    }

    /** @return how the consumer waits: {@link WakeupMode#SIGNAL} makes every submit fence and check the flag */
    abstract WakeupMode wakeup();

    /** Allocates the ring. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        ring = Ring.allocate(RingLayout.builder().sqCapacity(capacity).sqProducers(ProducerMode.SINGLE)
            .sqWakeup(wakeup()).slots(0, 0, 0).build());
        producer = ring.newSqProducer();
        consumer = ring.newSqConsumer();
        reader = read == 1 ? new ReadOne() : new ReadAll();
    }

    /** Frees the ring once both threads have stopped. */
    @TearDown(Level.Trial)
    public void tearDown() {
        ring.close();
    }

    /** @param p producer's sequence and full count */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void produce(final Counters.Produced p) {
        final RingProducer<Sqe> producer = this.producer;
        final int n = submit;
        if (producer.tryClaim(n)) {
            long next = p.next;
            for (int i = 0; i < n; i++) {
                Payload.fill(producer.entry(i), next++);
            }
            p.next = next;
            producer.submit();
        } else {
            Counters.full(p, pause);
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void consume(final Counters.Consumed c) {
        final int n = consumer.drain(reader, drain);
        Counters.received(c, n, pause);
    }
}
