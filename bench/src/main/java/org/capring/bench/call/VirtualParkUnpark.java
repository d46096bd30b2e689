package org.capring.bench.call;

import java.util.concurrent.locks.LockSupport;
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

/**
 * A virtual-thread caller and a virtual-thread echo hand a request and a response back and forth with
 * {@link LockSupport#park()}/{@link LockSupport#unpark(Thread)} and two volatile fields: the JDK's cheapest
 * blocking hand-off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH, BenchFlags.VIRTUAL_EXECUTOR})
public class VirtualParkUnpark {
    private volatile long request;
    private volatile long response;
    private volatile Thread caller;
    private volatile boolean running = true;
    private Thread echo;
    private long next;

    /** Starts the echo virtual thread. */
    @Setup(Level.Trial)
    public void setUp() {
        echo = Thread.ofVirtual().name("park-echo").start(() -> {
            long seen = 0;
            while (running) {
                final long r = request;
                if (r == seen) {
                    LockSupport.park(this);
                    continue;
                }
                seen = r;
                response = r;
                LockSupport.unpark(caller);
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
        running = false;
        LockSupport.unpark(echo);
        echo.join();
    }

    /** @return the answer */
    @Benchmark
    public long roundTrip() {
        final long ping = ++next;
        caller = Thread.currentThread();
        request = ping;
        LockSupport.unpark(echo);
        while (response != ping) {
            LockSupport.park(this);
        }
        return ping;
    }
}
