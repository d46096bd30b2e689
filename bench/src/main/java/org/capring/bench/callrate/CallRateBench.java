package org.capring.bench.callrate;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
import org.capring.bench.call.EchoRig;
import org.capring.ring.call.Call;
import org.capring.ring.call.CompletionMode;
import org.capring.ring.call.DispatchMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Calls per second with many concurrent virtual-thread callers. The callers live for the whole trial; each
 * benchmark invocation releases them for one {@link Round} of {@value #CALLS} calls between them and waits until
 * all are done, so the score is calls per second including every hand-off and the slot backpressure
 * ({@value EchoRig#SLOTS} slots for up to 10,000 callers, unless a subject says otherwise). The rounds park their
 * waiters ({@link CountDownLatch}) and never spin: a {@code Phaser}'s waiters spin while parties keep arriving,
 * and 10,000 of them spinning on two carriers took most of the processor time from the calls they were timing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public abstract class CallRateBench {
    /** Calls per benchmark invocation, split evenly between the callers. */
    public static final int CALLS = 200_000;

    /** Concurrent virtual-thread callers. */
    @Param({"1", "100", "10000"})
    public int callers;

    /**
     * One invocation's calls: released by {@link #go}, ended when every caller counted {@link #done} down. The
     * next round is linked before the release, so a caller that finished finds it without any shared lookup.
     */
    static final class Round {
        final CountDownLatch go = new CountDownLatch(1);
        final CountDownLatch done;
        /** Written before {@link #go} opens; read by callers after it (the latch orders them). */
        Round next;
        boolean stop;

        Round(final int callers) {
            done = new CountDownLatch(callers);
        }
    }

    private EchoRig rig;
    private Round round;
    private Thread[] threads;

    /** @return calls each caller sends per batch (1: one call at a time) */
    abstract int batch();

    /** @return call slots of the ring: callers beyond them wait for a slot */
    int slots() {
        return EchoRig.SLOTS;
    }

    /** Starts the rig and the callers, which wait for the first invocation. */
    @Setup(Level.Trial)
    public void setUp() {
        rig = new EchoRig(DispatchMode.ENDPOINT_LOOP, CompletionMode.CALLER_REAPS, EchoRig.SPIN_ROUNDS, true, slots());
        round = new Round(callers);
        threads = new Thread[callers];
        final int perCaller = CALLS / callers;
        final Round first = round;
        for (int t = 0; t < callers; t++) {
            final long base = (long) t * perCaller;
            threads[t] = Thread.ofVirtual().name("caller").start(() -> callerLoop(first, base, perCaller));
        }
    }

    private void callerLoop(final Round first, final long base, final int calls) {
        final int batch = batch();
        final Call[] scratch = new Call[batch];
        Round r = first;
        try {
            while (true) {
                r.go.await();
                if (r.stop) {
                    return;
                }
                long sum = 0;
                for (int done = 0; done < calls; done += batch) {
                    final int n = Math.min(batch, calls - done);
                    sum += batch == 1 ? rig.echo(base + done) : rig.echoBatch(scratch, n, base + done);
                }
                if (sum == Long.MIN_VALUE) {
                    throw new IllegalStateException("unreachable: keeps the sum live");
                }
                r.done.countDown();
                r = r.next;
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the callers and the rig. */
    @TearDown(Level.Trial)
    public void tearDown() {
        round.stop = true;
        round.go.countDown();
        for (final Thread thread : threads) {
            try {
                thread.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        rig.close();
    }

    /**
     * Releases the callers for {@value #CALLS} calls and waits until they are done.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void calls() throws InterruptedException {
        final Round r = round;
        r.next = new Round(callers);
        r.go.countDown();
        r.done.await();
        round = r.next;
    }
}
