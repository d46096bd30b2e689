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
 * capring's submission queue, single producer: claim, fill the SQE in place, submit; the consumer drains in
 * place. Batched: claim and drain {@value BenchFlags#BATCH} at a time; unbatched: one at a time. Subclasses
 * choose the queue's {@link WakeupMode}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public abstract class CapringSqBench {
    private Ring ring;
    private RingProducer<Sqe> producer;
    private RingConsumer<Sqe> consumer;
    private final Reader reader = new Reader();

    /** Sums each entry's words. */
    static final class Reader implements EntryHandler<Sqe> {
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
        ring = Ring.allocate(RingLayout.builder().sqCapacity(BenchFlags.CAPACITY).sqProducers(ProducerMode.SINGLE)
            .sqWakeup(wakeup()).slots(0, 0, 0).build());
        producer = ring.newSqProducer();
        consumer = ring.newSqConsumer();
    }

    /** Frees the ring once both threads have stopped. */
    @TearDown(Level.Trial)
    public void tearDown() {
        ring.close();
    }

    /** @param p producer's sequence */
    @Benchmark
    @Group("batched")
    @GroupThreads(1)
    public void batchedProduce(final Counters.Produced p) {
        final RingProducer<Sqe> producer = this.producer;
        if (producer.tryClaim(BenchFlags.BATCH)) {
            long next = p.next;
            for (int i = 0; i < BenchFlags.BATCH; i++) {
                Payload.fill(producer.entry(i), next++);
            }
            p.next = next;
            producer.submit();
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("batched")
    @GroupThreads(1)
    public void batchedConsume(final Counters.Consumed c) {
        c.items += consumer.drain(reader, BenchFlags.BATCH);
    }

    /** @param p producer's sequence */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedProduce(final Counters.Produced p) {
        final Sqe sqe = producer.tryClaim();
        if (sqe != null) {
            Payload.fill(sqe, p.next++);
            producer.submit();
        }
    }

    /** @param c items received */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedConsume(final Counters.Consumed c) {
        c.items += consumer.drain(reader, 1);
    }
}
