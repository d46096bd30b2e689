package org.capring.bench.call;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import org.capring.bench.BenchFlags;
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

/** A virtual-thread caller hands a request to a virtual-thread echo through {@link SynchronousQueue}s and back. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR})
public class VirtualSynchronousQueue {
    private final SynchronousQueue<long[]> requests = new SynchronousQueue<>();
    private final SynchronousQueue<long[]> responses = new SynchronousQueue<>();
    private final long[] box = new long[1];
    private Thread echo;

    /** Starts the echo virtual thread. */
    @Setup(Level.Trial)
    public void setUp() {
        echo = Thread.ofVirtual().name("sq-echo").start(() -> {
            try {
                while (true) {
                    final long[] request = requests.take();
                    request[0]++;
                    responses.put(request);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Stops it.
     *
     * @throws InterruptedException if interrupted while joining
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        echo.interrupt();
        echo.join();
    }

    /**
     * @return the answer
     * @throws InterruptedException never in practice
     */
    @Benchmark
    public long roundTrip() throws InterruptedException {
        requests.put(box);
        return responses.take()[0];
    }
}
