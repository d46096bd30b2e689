package org.capring.service;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.capring.ring.ProducerMode;
import org.capring.ring.RingLayout;
import org.capring.ring.call.CapException;
import org.capring.ring.call.Capability;
import org.capring.ring.call.DispatchMode;
import org.capring.ring.call.ServerConfig;
import org.capring.schema.echo.EchoProtocol.Echo;

/**
 * The test service: echoes a value and answers with the tag of the instance that served it, and holds calls on
 * request so that tests can have calls in flight when a drain or a handoff begins.
 *
 * <p>Values select behaviour: {@code >= 0} echo at once; {@link #HOLD} blocks until {@link #release()} or an
 * interrupt (a well-behaved long call); {@link #STUCK} blocks until {@link #release()}, ignoring interrupts (a handler
 * that ignores cancellation). Every call is recorded by value in {@link #served}, so a ledger can prove that no
 * call ran twice and that a refused call never ran.
 */
final class EchoService {
    static final long HOLD = -2;
    static final long STUCK = -3;
    static final long PROBE_VALUE = Long.MIN_VALUE;
    /** Fails with a declared-style application error ({@link #APP_ERROR_CODE}). */
    static final long APP_ERROR = -4;
    /** Fails with an unexpected exception. */
    static final long UNEXPECTED = -5;
    /** Fails its first attempt (unexpectedly), succeeds on the next. */
    static final long FLAKY = -6;
    static final int APP_ERROR_CODE = 5;

    static final Export<Echo.Client> EXPORT = new Export<>(Echo.TYPE_ID,
        MethodTable.of(Echo.class).idempotent(Echo.METHOD_ECHO), Echo.Client::new, (echo, deadline) -> {
            try (Echo.Client.EchoCall call = echo.echo(deadline)) {
                call.params().setValue(PROBE_VALUE);
                call.invoke();
            }
        });

    /** Served calls by value: how many times each value's handler ran, and the tag of the instance that ran it. */
    final ConcurrentHashMap<Long, Long> served = new ConcurrentHashMap<>();
    final AtomicInteger held = new AtomicInteger();
    final AtomicLong handlerRuns = new AtomicLong();
    final AtomicLong flakyRuns = new AtomicLong();
    private volatile CountDownLatch release = new CountDownLatch(1);

    /** A host whose rings run a thread per call, so that many calls of one client can be in flight at once. */
    static HostConfig config() {
        return HostConfig.defaults()
            .withRing(RingLayout.builder().sqCapacity(256).sqProducers(ProducerMode.MULTI).slots(64, 1024, 1024)
                .build())
            .withServer(ServerConfig.defaults().withDispatch(DispatchMode.THREAD_PER_CALL))
            .withStopDeadline(Duration.ofSeconds(20));
    }

    /** Lets every held call go on; later HOLD calls hold again after {@link #rearm()}. */
    void release() {
        release.countDown();
    }

    void rearm() {
        release = new CountDownLatch(1);
    }

    /** Waits until {@code n} calls are held in the handler (liveness bound: fails the test when it hangs). */
    void awaitHeld(final int n) throws InterruptedException {
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (held.get() < n) {
            if (System.nanoTime() - giveUp > 0) {
                throw new AssertionError("only " + held.get() + " of " + n + " calls reached the handler");
            }
            Thread.sleep(1);
        }
    }

    /** @return an instance tagged {@code tag} */
    ServiceInstance instance(final long tag) {
        return instance(tag, null);
    }

    /**
     * @param tag        answered in every result's payload, to tell which instance served
     * @param startHook  run at the start of the instance's start, may be null
     */
    ServiceInstance instance(final long tag, final StartHook startHook) {
        return context -> {
            if (startHook != null) {
                startHook.run(context);
            }
            return List.of(capability("echo-" + tag, tag));
        };
    }

    Capability capability(final String name, final long tag) {
        return Echo.capability(name, (params, results, call) -> {
            final long value = params.getValue();
            if (value != PROBE_VALUE) {
                handlerRuns.incrementAndGet();
            }
            if (value >= 0) {
                served.merge(value, 1L, Long::sum);
            }
            if (value == APP_ERROR) {
                throw new CapException(APP_ERROR_CODE, "failed on purpose");
            }
            if (value == UNEXPECTED) {
                throw new IllegalStateException("broken on purpose");
            }
            if (value == FLAKY && flakyRuns.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            if (value == HOLD || value == STUCK) {
                held.incrementAndGet();
                try {
                    if (value == HOLD) {
                        release.await();
                    } else {
                        awaitIgnoringInterrupts();
                    }
                } finally {
                    held.decrementAndGet();
                }
            }
            results.setValue(value);
            results.setPayload(ByteBuffer.allocate(8).putLong(0, tag).array());
        });
    }

    private void awaitIgnoringInterrupts() {
        boolean interrupted = false;
        while (true) {
            try {
                release.await();
                break;
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a test's instance does at the start of its start. */
    @FunctionalInterface
    interface StartHook {
        void run(StartContext context) throws Exception;
    }

    /**
     * One echo call.
     *
     * @return the tag of the instance that served it
     */
    static long call(final Echo.Client echo, final long value) {
        try (Echo.Client.EchoCall call = echo.echo()) {
            call.params().setValue(value);
            final Echo.EchoResults.Reader result = call.invoke();
            if (result.getValue() != value) {
                throw new AssertionError("echoed " + result.getValue() + " for " + value);
            }
            return ByteBuffer.wrap(result.getPayload().toArray()).getLong();
        }
    }

    /** A failure a test records for later assertion (from a thread that must not throw). */
    static void record(final AtomicReference<Throwable> into, final Throwable e) {
        into.compareAndSet(null, e);
    }
}
