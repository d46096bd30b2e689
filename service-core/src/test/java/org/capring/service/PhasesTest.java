package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.capring.ring.call.Call;
import org.capring.ring.call.CapException;
import org.capring.ring.call.Status;
import org.capring.ring.call.TransportException;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.capring.service.metrics.CallOutcome;
import org.capring.service.metrics.ServiceMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The call phases: each runs in order with its narrow view, each optional; the request filter answers early or
 * refuses; the route chooses among the instance's targets; the failure policy retries only what may be retried; the
 * response filter replaces an outcome; the logging phase sees every call once, refusals by the container and by the
 * ring included; the context is visible to the handler as a ScopedValue and nowhere else.
 */
class PhasesTest {
    private static final ContextKey<String> TENANT = ContextKey.of("tenant", String.class);

    private final EchoService echo = new EchoService();
    private final LinkedBlockingQueue<CallSummary> log = new LinkedBlockingQueue<>();
    private ServiceHost host;
    private ServiceClient client;
    /** Set once the service is READY: a phase that holds calls lets the readiness probe through. */
    private volatile boolean armed;

    private Echo.Client start(final Phases phases, final MethodTable methods, final ServiceInstance instance)
        throws InterruptedException {
        return start(phases, methods, instance, ServiceConfig.defaults());
    }

    private Echo.Client start(final Phases phases, final MethodTable methods, final ServiceInstance instance,
                              final ServiceConfig config) throws InterruptedException {
        final Export<Echo.Client> export = new Export<>(Echo.TYPE_ID, methods, Echo.Client::new,
            EchoService.EXPORT.probe());
        host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("svc", export, instance)
            .withPhases(phases.withLog(log::add)).withConfig(config));
        host.start();
        client = host.connect("tester", r);
        final Echo.Client stub = client.await(r, Duration.ofSeconds(10));
        log.clear(); // the probe's call
        return stub;
    }

    private Echo.Client start(final Phases phases) throws InterruptedException {
        return start(phases, EchoService.EXPORT.methods(), echo.instance(1));
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.stop();
        }
    }

    private CallSummary nextSummary() throws InterruptedException {
        final CallSummary s = log.poll(30, TimeUnit.SECONDS);
        assertTrue(s != null, "the logging phase was told");
        return s;
    }

    @Test
    void phases_runInOrderEachWithItsView_andTheHandlerSeesTheContext() throws InterruptedException {
        final AtomicReference<String> seenByHandler = new AtomicReference<>();
        final AtomicReference<String> seenByResponse = new AtomicReference<>();
        final ServiceInstance twoTargets = context -> List.of(echo.capability("first", 10),
            Echo.capability("second", (params, results, call) -> {
                final CallContext ctx = CallContext.current();
                seenByHandler.set(ctx.get(TENANT) + "/" + ctx.caller().holder() + "/" + ctx.methodName());
                results.setValue(params.getValue());
                results.setPayload(java.nio.ByteBuffer.allocate(8).putLong(0, 11).array());
            }));
        final Echo.Client stub = start(Phases.none()
            .withRequestFilter(request -> {
                request.put(TENANT, "blue");
                return RequestFilter.Verdict.CONTINUE;
            })
            .withRoute(request -> "blue".equals(request.get(TENANT)) ? request.targets() - 1 : 0)
            .withResponseFilter(response -> seenByResponse.set(response.outcome() + " after " + response.attempts())),
            EchoService.EXPORT.methods(), twoTargets);
        assertEquals(11, EchoService.call(stub, 3), "routed to the second target");
        assertEquals("blue/tester/echo", seenByHandler.get());
        assertEquals("OK after 1", seenByResponse.get());
        final CallSummary s = nextSummary();
        assertEquals(CallOutcome.OK, s.outcome());
        assertEquals(RequestFilter.Verdict.CONTINUE, s.filter());
        assertEquals(1, s.route());
        assertEquals(1, s.attempts());
        assertEquals(new Caller("tester", Caller.Kind.CLIENT), s.caller());
        assertTrue(s.dispatched());
        assertFalse(CallContext.inCall(), "no context outside a call");
        assertThrows(IllegalStateException.class, CallContext::current);
    }

    @Test
    void requestFilter_answersEarly_noHandlerRuns() throws InterruptedException {
        final Echo.Client stub = start(Phases.none().withRequestFilter(request -> {
            request.answer(Echo.EchoResults.factory).setValue(request.params(Echo.EchoParams.factory).getValue());
            return RequestFilter.Verdict.ANSWERED;
        }));
        try (Echo.Client.EchoCall call = stub.echo()) {
            call.params().setValue(42);
            assertEquals(42, call.invoke().getValue());
        }
        assertEquals(0, echo.handlerRuns.get(), "answered by the filter");
        final CallSummary s = nextSummary();
        assertEquals(RequestFilter.Verdict.ANSWERED, s.filter());
        assertFalse(s.dispatched());
        assertEquals(0, s.attempts());
    }

    @Test
    void requestFilter_answered_responseFilterStillReplacesTheAnswer() throws InterruptedException {
        final Echo.Client stub = start(Phases.none()
            .withRequestFilter(request -> {
                request.answer(Echo.EchoResults.factory).setValue(1);
                return RequestFilter.Verdict.ANSWERED;
            })
            .withResponseFilter(response -> {
                throw new CapException(7, "hidden");
            }));
        final CapException e = assertThrows(CapException.class, () -> EchoService.call(stub, 5));
        assertEquals(7, e.status(), "the response filter's error is the answer, not the request filter's result");
        final CallSummary s = nextSummary();
        assertEquals(CallOutcome.APPLICATION_ERROR, s.outcome());
        assertEquals(RequestFilter.Verdict.ANSWERED, s.filter());
    }

    @Test
    void route_throws_answeredAsTheRouteFailed_loggedOnce() throws InterruptedException {
        final Echo.Client stub = start(Phases.none().withRoute(request -> {
            throw new CapException(11, "no route");
        }));
        final CapException e = assertThrows(CapException.class, () -> EchoService.call(stub, 5));
        assertEquals(11, e.status());
        assertEquals(CallOutcome.APPLICATION_ERROR, nextSummary().outcome());
        assertEquals(0, echo.handlerRuns.get(), "no handler ran");
    }

    @Test
    void failurePolicy_throws_callFailsWithTheHandlersError_policyErrorSuppressed() throws InterruptedException {
        final Echo.Client stub = start(Phases.none().withFailurePolicy(failure -> {
            throw new IllegalStateException("policy broke");
        }));
        final CapException e = assertThrows(CapException.class, () -> EchoService.call(stub, EchoService.APP_ERROR));
        assertEquals(EchoService.APP_ERROR_CODE, e.status(), "the handler's own error is answered");
        assertEquals(1, echo.handlerRuns.get(), "not retried");
        final CallSummary s = nextSummary();
        assertEquals(CallOutcome.APPLICATION_ERROR, s.outcome());
        assertEquals(1, s.attempts());
    }

    /**
     * A drain that cancels a call inside a filter answers CANCELLED, as inside the handler: marked dispatched once a
     * handler ran, retry-safe before.
     */
    @Test
    void drainCancel_insideRequestFilter_answeredCancelledNotDispatched() throws Exception {
        final CountDownLatch inside = new CountDownLatch(1);
        drainCancelsInsideAPhase(Phases.none().withRequestFilter(request -> {
            if (armed) {
                inside.countDown();
                Thread.sleep(60_000);
            }
            return RequestFilter.Verdict.CONTINUE;
        }), inside, 0, false);
    }

    @Test
    void drainCancel_insideResponseFilter_answeredCancelledMarkedDispatched() throws Exception {
        final CountDownLatch inside = new CountDownLatch(1);
        drainCancelsInsideAPhase(Phases.none().withResponseFilter(response -> {
            if (armed) {
                inside.countDown();
                Thread.sleep(60_000);
            }
        }), inside, 1, true);
    }

    private void drainCancelsInsideAPhase(final Phases phases, final CountDownLatch inside, final int handlerRuns,
                                          final boolean dispatched) throws Exception {
        final Echo.Client stub = start(phases, EchoService.EXPORT.methods(), echo.instance(1),
            ServiceConfig.defaults().withDrainGrace(Duration.ofMillis(20)));
        armed = true; // after the start: the readiness probe passes through the phases too
        final CompletableFuture<Throwable> call = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                EchoService.call(stub, 3);
                call.complete(null);
            } catch (final RuntimeException e) {
                call.complete(e);
            }
        });
        assertTrue(inside.await(30, TimeUnit.SECONDS), "the call reached the phase");
        final DrainReport report = host.stop().of("svc");
        assertEquals(1, report.calls().cancelled());
        assertEquals(0, report.calls().stuck());
        final Throwable answer = call.get(30, TimeUnit.SECONDS);
        final TransportException.Cancelled cancelled = assertInstanceOf(TransportException.Cancelled.class, answer,
            "answered CANCELLED, not UNEXPECTED: " + answer);
        assertEquals(dispatched, cancelled.dispatched(), "marked dispatched if and only if the handler ran");
        assertEquals(CallOutcome.CANCELLED, nextSummary().outcome());
        assertEquals(handlerRuns, echo.handlerRuns.get());
    }

    @Test
    void requestFilter_refusesWithTypedErrors_answeredAsTheyAre() throws InterruptedException {
        final Echo.Client stub = start(Phases.none().withRequestFilter(request -> {
            final long value = request.params(Echo.EchoParams.factory).getValue();
            if (value == 1) {
                throw TransportException.of(Status.OVERLOADED, false, request.idempotent(), "shed");
            }
            throw new CapException(9, "tenant suspended");
        }));
        final TransportException.Overloaded overloaded = assertThrows(TransportException.Overloaded.class,
            () -> EchoService.call(stub, 1));
        assertFalse(overloaded.dispatched());
        assertEquals(CallOutcome.REFUSED, nextSummary().outcome());
        final CapException app = assertThrows(CapException.class, () -> EchoService.call(stub, 2));
        assertEquals(9, app.status());
        assertEquals("tenant suspended", app.detail());
        assertEquals(CallOutcome.APPLICATION_ERROR, nextSummary().outcome());
        assertEquals(0, echo.handlerRuns.get());
    }

    @Test
    void failurePolicy_retriesIdempotentMethod_untilItSucceeds() throws InterruptedException {
        final Echo.Client stub = start(Phases.none().withFailurePolicy(failure -> FailurePolicy.Decision.RETRY));
        assertEquals(1, EchoService.call(stub, EchoService.FLAKY));
        assertEquals(2, echo.flakyRuns.get(), "failed once, retried once");
        final CallSummary s = nextSummary();
        assertEquals(2, s.attempts());
        assertEquals(CallOutcome.OK, s.outcome());
    }

    @Test
    void failurePolicy_neverRetriesDispatchedNonIdempotentMethod_whateverItSays() throws InterruptedException {
        final AtomicReference<String> told = new AtomicReference<>();
        final Echo.Client stub = start(Phases.none().withFailurePolicy(failure -> {
            told.set("asked");
            return FailurePolicy.Decision.RETRY;
        }), MethodTable.of(Echo.class), echo.instance(1));
        assertThrows(CapException.class, () -> EchoService.call(stub, EchoService.FLAKY));
        assertEquals(1, echo.flakyRuns.get(), "not retried: dispatched, and echo is not idempotent here");
        assertNull(told.get(), "the policy is not even asked");
        final CallSummary s = nextSummary();
        assertEquals(CallOutcome.FAILED, s.outcome());
        assertEquals(Status.UNEXPECTED, s.status());
    }

    @Test
    void failurePolicy_boundedByMaxAttempts() throws InterruptedException {
        final Echo.Client stub = start(Phases.none().withFailurePolicy(failure -> FailurePolicy.Decision.RETRY));
        assertThrows(CapException.class, () -> EchoService.call(stub, EchoService.UNEXPECTED));
        assertEquals(ServiceConfig.DEFAULT_MAX_ATTEMPTS, nextSummary().attempts());
    }

    @Test
    void latency_coversEveryPhaseAfterTheHandler_callTimeOnlyTheHandlers() throws InterruptedException {
        final long pauseNanos = TimeUnit.MILLISECONDS.toNanos(40);
        final Echo.Client stub = start(Phases.none()
            .withFailurePolicy(failure -> {
                LockSupport.parkNanos(pauseNanos); // a policy that backs off, then gives up
                return FailurePolicy.Decision.FAIL;
            })
            .withResponseFilter(response -> LockSupport.parkNanos(pauseNanos)));
        assertThrows(CapException.class, () -> EchoService.call(stub, EchoService.UNEXPECTED));
        final CallSummary s = nextSummary();
        assertTrue(s.latencyNanos() >= 2 * pauseNanos, "the policy's and the filter's time count: " + s);
        assertTrue(s.callNanos() < pauseNanos, "the handler's time alone: " + s);
        final ServiceMetrics metrics = host.metrics().services().getFirst();
        metrics.roll(null);
        assertTrue(metrics.totalLatency(Echo.METHOD_ECHO).getMaxValue() >= 2 * pauseNanos,
            "the histogram records the same latency");
    }

    @Test
    void responseFilter_replacesFailureWithTypedError() throws InterruptedException {
        final Echo.Client stub = start(Phases.none().withResponseFilter(response -> {
            if (response.error() != null && response.outcome() == CallOutcome.FAILED) {
                throw new CapException(7, "internal error");
            }
        }));
        final CapException e = assertThrows(CapException.class, () -> EchoService.call(stub, EchoService.UNEXPECTED));
        assertEquals(7, e.status());
        assertEquals(1, EchoService.call(stub, 5), "a success passes untouched");
        assertEquals(CallOutcome.APPLICATION_ERROR, nextSummary().outcome());
    }

    @Test
    void log_seesRingRefusalsAndDrainRefusals_withTypedReason() throws Exception {
        final Echo.Client stub = start(Phases.none());
        try (Call call = client.ringClient().newCall(stub.handle(), Echo.TYPE_ID, 7)) {
            assertThrows(TransportException.NoSuchMethod.class, call::invoke);
        }
        CallSummary s = nextSummary();
        assertEquals(CallOutcome.REFUSED, s.outcome());
        assertEquals("NO_SUCH_METHOD", s.statusName());
        assertEquals("method-7", s.methodName());
        assertFalse(s.dispatched());

        try (Call call = client.ringClient().newCall(stub.handle(), Echo.TYPE_ID, Echo.METHOD_ECHO,
            System.nanoTime() + 1)) {
            call.initParams(Echo.EchoParams.factory).setValue(1);
            assertThrows(TransportException.DeadlineExceeded.class, call::invoke);
        }
        s = nextSummary();
        assertEquals(CallOutcome.DEADLINE_EXCEEDED, s.outcome());

        final CompletableFuture<Void> held = CompletableFuture.runAsync(
            () -> EchoService.call(stub, EchoService.HOLD), Thread::startVirtualThread);
        echo.awaitHeld(1);
        final CompletableFuture<StopReport> stop = CompletableFuture.supplyAsync(host::stop,
            Thread::startVirtualThread);
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (host.metrics().services().getFirst().state().equals("READY")) {
            assertTrue(System.nanoTime() - giveUp < 0, "the drain began");
            Thread.sleep(1);
        }
        final TransportException.ShuttingDown e = assertThrows(TransportException.ShuttingDown.class,
            () -> EchoService.call(stub, 1));
        assertFalse(e.dispatched());
        CallSummary refused;
        do {
            refused = nextSummary();
        } while (refused.status() != Status.SHUTTING_DOWN);
        assertEquals(CallOutcome.REFUSED, refused.outcome());
        echo.release();
        held.get(30, TimeUnit.SECONDS);
        assertEquals(1, stop.get(30, TimeUnit.SECONDS).of("svc").calls().refused());
        host = null;
    }

    @Test
    void context_closedOncePerCall_onEveryPath() throws InterruptedException {
        final Echo.Client stub = start(Phases.none());
        final long before = host.metrics().services().getFirst().contextsOpened();
        EchoService.call(stub, 1);
        assertThrows(CapException.class, () -> EchoService.call(stub, EchoService.APP_ERROR));
        assertThrows(CapException.class, () -> EchoService.call(stub, EchoService.UNEXPECTED));
        for (int i = 0; i < 3; i++) {
            nextSummary();
        }
        final var metrics = host.metrics().services().getFirst();
        assertEquals(before + 3, metrics.contextsOpened());
        assertEquals(metrics.contextsOpened(), metrics.contextsClosed());
        assertEquals(1, metrics.calls(Echo.METHOD_ECHO, CallOutcome.APPLICATION_ERROR));
        assertEquals(1, metrics.calls(Echo.METHOD_ECHO, CallOutcome.FAILED));
    }
}
