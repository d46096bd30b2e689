package org.capring.bench.call;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * {@code newVirtualThreadPerTaskExecutor().submit(task).get()} from a platform-thread caller (the JMH thread): a
 * virtual thread per call, and the calling platform thread parked and woken per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {BenchFlags.ADD_EXPORTS, BenchFlags.UNSAFE_ALLOW, BenchFlags.NATIVE_ACCESS,
    BenchFlags.XMS, BenchFlags.XMX, BenchFlags.PRE_TOUCH})
public class PlatformCallerExecutorSubmitGet {
    private ExecutorService executor;
    private long next;
    private final Callable<Long> task = () -> next;

    /** Creates the executor. */
    @Setup(Level.Trial)
    public void setUp() {
        executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    /**
     * @return the task's answer
     * @throws InterruptedException never in practice
     * @throws ExecutionException   never in practice
     */
    @Benchmark
    public long roundTrip() throws InterruptedException, ExecutionException {
        next++;
        return executor.submit(task).get();
    }
}
