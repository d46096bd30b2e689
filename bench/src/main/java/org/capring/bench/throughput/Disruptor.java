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
 * {@code submit} sequences with {@code tryNext(n)} (never the spinning {@code next}), fills them in place and
 * publishes them with {@code publish(lo, hi)}; the consumer is an {@link EventPoller} on the benchmark thread that
 * stops after {@code drain} events.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class Disruptor extends ThroughputParams {
    private RingBuffer<Payload.Record> ring;
    private EventPoller<Payload.Record> poller;
    private Reader reader;

    /** Reads events and stops the poll after {@code limit} of them. */
    abstract static class Reader implements EventPoller.Handler<Payload.Record> {
        final int limit;
        long sum;
        int count;

        Reader(final int limit) {
            this.limit = limit;
        }
    }

    /** Reads the userData word of each event. */
    static final class ReadOne extends Reader {
        ReadOne(final int limit) {
            super(limit);
        }

        @Override
        public boolean onEvent(final Payload.Record event, final long sequence, final boolean endOfBatch) {
            sum += event.userData();
            return ++count < limit;
        }
    }

    /** Reads every word of each event. */
    static final class ReadAll extends Reader {
        ReadAll(final int limit) {
            super(limit);
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
        setUpParams();
        ring = RingBuffer.createSingleProducer(Payload.Record::new, capacity, new BusySpinWaitStrategy());
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        reader = read == 1 ? new ReadOne(drain) : new ReadAll(drain);
    }

    /** @param p producer's sequence and full count */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void produce(final Counters.Produced p) {
        final int n = submit;
        try {
            final long hi = ring.tryNext(n);
            final long lo = hi - (n - 1);
            long next = p.next;
            for (long s = lo; s <= hi; s++) {
                ring.get(s).fill(next++);
            }
            p.next = next;
            ring.publish(lo, hi);
        } catch (final InsufficientCapacityException full) {
            Counters.full(p, pause);
        }
    }

    /**
     * @param c items received
     * @throws Exception never (the poller's signature)
     */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void consume(final Counters.Consumed c) throws Exception {
        final Reader reader = this.reader;
        reader.count = 0;
        poller.poll(reader);
        final int n = reader.count;
        Counters.received(c, n, pause);
    }
}
