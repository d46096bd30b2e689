package org.capring.bench.throughput;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
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
 * LMAX Disruptor 4, single-producer ring of preallocated events (seven long fields each): the producer claims
 * with {@code tryNext} (never the spinning {@code next}), fills in place and publishes; the consumer is an
 * {@link EventPoller} on the benchmark thread. Batched: {@code tryNext(n)} and {@code publish(lo, hi)}; the
 * poller stops after {@value BenchFlags#BATCH} events (unbatched: after one).
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class Disruptor {
    private RingBuffer<Payload.Record> ring;
    private EventPoller<Payload.Record> poller;
    private final Reader batchReader = new Reader(BenchFlags.BATCH);
    private final Reader singleReader = new Reader(1);

    /** Sums events and stops the poll after {@code limit} of them. */
    static final class Reader implements EventPoller.Handler<Payload.Record> {
        private final int limit;
        long sum;
        int count;

        Reader(final int limit) {
            this.limit = limit;
        }

        @Override
        public boolean onEvent(final Payload.Record event, final long sequence, final boolean endOfBatch) {
            sum += event.sum();
            return ++count < limit;
        }
    }

    /** Creates the ring and its poller. */
    @Setup(Level.Trial)
    public void setUp() {
        ring = RingBuffer.createSingleProducer(Payload.Record::new, BenchFlags.CAPACITY, new BusySpinWaitStrategy());
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    /** @param p producer's sequence */
    @Benchmark
    @Group("batched")
    @GroupThreads(1)
    public void batchedProduce(final Counters.Produced p) {
        try {
            final long hi = ring.tryNext(BenchFlags.BATCH);
            final long lo = hi - (BenchFlags.BATCH - 1);
            long next = p.next;
            for (long s = lo; s <= hi; s++) {
                ring.get(s).fill(next++);
            }
            p.next = next;
            ring.publish(lo, hi);
        } catch (final InsufficientCapacityException full) {
            // full: try again on the next call
        }
    }

    /**
     * @param c items received
     * @throws Exception never (the poller's signature)
     */
    @Benchmark
    @Group("batched")
    @GroupThreads(1)
    public void batchedConsume(final Counters.Consumed c) throws Exception {
        batchReader.count = 0;
        poller.poll(batchReader);
        c.items += batchReader.count;
    }

    /** @param p producer's sequence */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedProduce(final Counters.Produced p) {
        try {
            final long s = ring.tryNext();
            ring.get(s).fill(p.next++);
            ring.publish(s);
        } catch (final InsufficientCapacityException full) {
            // full: try again on the next call
        }
    }

    /**
     * @param c items received
     * @throws Exception never (the poller's signature)
     */
    @Benchmark
    @Group("unbatched")
    @GroupThreads(1)
    public void unbatchedConsume(final Counters.Consumed c) throws Exception {
        singleReader.count = 0;
        poller.poll(singleReader);
        c.items += singleReader.count;
    }
}
