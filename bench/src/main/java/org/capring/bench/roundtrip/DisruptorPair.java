package org.capring.bench.roundtrip;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.capring.bench.BenchFlags;
import org.capring.bench.EchoLoop;
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
 * Round trip over a pair of single-producer Disruptor 4 rings (preallocated request and response events);
 * producers claim with {@code tryNext}, both sides poll with an {@link EventPoller} and spin.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class DisruptorPair extends RoundtripParams {
    private RingBuffer<Roundtrip.Request> requests;
    private RingBuffer<Roundtrip.Response> responses;
    private EventPoller<Roundtrip.Response> responsePoller;
    private final Reaper reaper = new Reaper();
    private EchoLoop echo;
    private long next;

    /** Remembers the echoed userData and stops after one event. */
    static final class Reaper implements EventPoller.Handler<Roundtrip.Response> {
        long userData;
        boolean got;

        @Override
        public boolean onEvent(final Roundtrip.Response event, final long sequence, final boolean endOfBatch) {
            userData = event.userData;
            got = true;
            return false;
        }
    }

    /** Answers each request event with a response event. */
    static final class Echo extends EchoLoop implements EventPoller.Handler<Roundtrip.Request> {
        private final EventPoller<Roundtrip.Request> requests;
        private final RingBuffer<Roundtrip.Response> responses;
        private boolean answered;

        Echo(final EventPoller<Roundtrip.Request> requests, final RingBuffer<Roundtrip.Response> responses) {
            this.requests = requests;
            this.responses = responses;
        }

        @Override
        protected boolean step() {
            answered = false;
            try {
                requests.poll(this);
            } catch (final Exception e) {
                throw new IllegalStateException(e);
            }
            return answered;
        }

        @Override
        public boolean onEvent(final Roundtrip.Request event, final long sequence, final boolean endOfBatch) {
            long s;
            while (true) {
                try {
                    s = responses.tryNext();
                    break;
                } catch (final InsufficientCapacityException full) {
                    idle();
                }
            }
            final Roundtrip.Response response = responses.get(s);
            response.userData = event.w3;
            response.status = 0;
            response.length = (int) event.w6;
            responses.publish(s);
            answered = true;
            return false;
        }
    }

    /** Creates both rings and pollers and starts the echo thread. */
    @Setup(Level.Trial)
    public void setUp() {
        setUpParams();
        requests = RingBuffer.createSingleProducer(Roundtrip.Request::new, BenchFlags.CAPACITY, new BusySpinWaitStrategy());
        responses = RingBuffer.createSingleProducer(Roundtrip.Response::new, BenchFlags.CAPACITY,
            new BusySpinWaitStrategy());
        final EventPoller<Roundtrip.Request> requestPoller = requests.newPoller();
        requests.addGatingSequences(requestPoller.getSequence());
        responsePoller = responses.newPoller();
        responses.addGatingSequences(responsePoller.getSequence());
        echo = new Echo(requestPoller, responses);
        echo.start("disruptor-echo", pause);
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

    /**
     * @return the echoed userData
     * @throws Exception never (the poller's signature)
     */
    @Benchmark
    public long roundTrip() throws Exception {
        final long v = next++;
        long s;
        while (true) {
            try {
                s = requests.tryNext();
                break;
            } catch (final InsufficientCapacityException full) {
                idle();
            }
        }
        requests.get(s).fill(v);
        requests.publish(s);
        reaper.got = false;
        while (true) {
            responsePoller.poll(reaper);
            if (reaper.got) {
                return reaper.userData;
            }
            idle();
        }
    }
}
