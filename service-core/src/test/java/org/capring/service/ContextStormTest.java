package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.capring.ring.call.CallException;
import org.capring.ring.call.CapException;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.capring.service.metrics.CallOutcome;
import org.capring.service.metrics.ServiceMetrics;
import org.junit.jupiter.api.Test;

/**
 * A seeded storm of calls on every path (success, application error, unexpected failure, filter refusal, early
 * answer, retry), handoffs between bursts, and a final drain with calls in flight; after every step the invariants
 * hold: nothing in flight, every context opened was closed, exactly one context per call, and the outcome counts add
 * up to the calls made.
 */
class ContextStormTest {
    private static final int STEPS = Boolean.getBoolean("capring.stress.long") ? 200 : 24;

    @Test
    void storm_everyStep_contextsClosedOncePerCallAndNothingInFlight() throws Exception {
        final long seed = 0x5EED;
        final SplittableRandom random = new SplittableRandom(seed);
        final EchoService echo = new EchoService();
        final AtomicLong filterRefusals = new AtomicLong();
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("storm", EchoService.EXPORT, echo.instance(1))
            .withPhases(Phases.none()
                .withRequestFilter(request -> {
                    final long value = request.params(Echo.EchoParams.factory).getValue();
                    if (value == 1_000_001) {
                        filterRefusals.incrementAndGet();
                        throw new CapException(8, "refused by the filter");
                    }
                    if (value == 1_000_002) {
                        request.answer(Echo.EchoResults.factory).setValue(value);
                        return RequestFilter.Verdict.ANSWERED;
                    }
                    return RequestFilter.Verdict.CONTINUE;
                })
                .withFailurePolicy(failure -> FailurePolicy.Decision.RETRY))
            .withConfig(ServiceConfig.defaults().withDrainGrace(Duration.ofMillis(20))));
        host.start();
        final ServiceClient client = host.connect("storm", r);
        final Echo.Client stub = client.await(r, Duration.ofSeconds(10));
        final ServiceMetrics metrics = host.metrics().services().getFirst();
        long callsMade = 0;
        int tag = 1;
        final long openedAtStart = metrics.contextsOpened();
        for (int step = 0; step < STEPS; step++) {
            final String where = "step " + step + " (seed " + seed + ")";
            if (random.nextInt(6) == 0) {
                host.handoff(r, echo.instance(++tag));
                callsMade++; // the new instance's probe: one call, one context
            } else {
                final int burst = 1 + random.nextInt(40);
                final List<CompletableFuture<Void>> calls = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    final long value = switch (random.nextInt(7)) {
                        case 0 -> EchoService.APP_ERROR;
                        case 1 -> EchoService.UNEXPECTED;
                        case 2 -> 1_000_001;
                        case 3 -> 1_000_002;
                        default -> random.nextLong(1_000_000);
                    };
                    calls.add(CompletableFuture.runAsync(() -> {
                        try (Echo.Client.EchoCall call = stub.echo()) {
                            call.params().setValue(value);
                            call.invoke();
                        } catch (final CallException expected) {
                            // an error path: its context must still close
                        }
                    }, Thread::startVirtualThread));
                }
                for (final CompletableFuture<Void> call : calls) {
                    call.get(30, TimeUnit.SECONDS);
                }
                callsMade += burst;
            }
            assertInvariants(metrics, openedAtStart, callsMade, where);
        }
        // The last step: a drain with calls in flight, some cancelled.
        final List<CompletableFuture<Void>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(CompletableFuture.runAsync(() -> {
                try (Echo.Client.EchoCall call = stub.echo()) {
                    call.params().setValue(EchoService.HOLD);
                    call.invoke();
                } catch (final CallException expected) {
                    // cancelled by the drain
                }
            }, Thread::startVirtualThread));
        }
        echo.awaitHeld(3);
        final DrainReport report = host.stop().of("storm");
        for (final CompletableFuture<Void> call : held) {
            call.get(30, TimeUnit.SECONDS);
        }
        assertEquals(3, report.calls().cancelled());
        assertEquals(0, report.contextsLeaked());
        assertInvariants(metrics, openedAtStart, callsMade + 3, "after the drain");
        assertTrue(filterRefusals.get() > 0, "the storm took the filter's refusal path");
    }

    /**
     * Nothing in flight; every context closed; exactly one context per call (counted from after the start; each
     * handoff's probe is one call); one outcome per context.
     */
    private static void assertInvariants(final ServiceMetrics metrics, final long openedAtStart, final long callsMade,
                                         final String where) {
        assertEquals(0, metrics.inFlight(), "nothing in flight; " + where);
        assertEquals(metrics.contextsOpened(), metrics.contextsClosed(), "every context closed; " + where);
        long outcomes = 0;
        for (final CallOutcome o : CallOutcome.values()) {
            outcomes += metrics.calls(o);
        }
        assertEquals(metrics.contextsClosed(), outcomes, "one outcome per closed context; " + where);
        assertEquals(callsMade, metrics.contextsOpened() - openedAtStart, "exactly one context per call; " + where);
    }
}
