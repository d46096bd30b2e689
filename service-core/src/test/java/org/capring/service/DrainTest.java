package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.capring.ring.call.TransportException;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.junit.jupiter.api.Test;

/**
 * Drain by exact count: calls in flight finish within the grace period or are cancelled (CANCELLED, marked
 * dispatched); new calls are refused before dispatch (SHUTTING_DOWN, retry-safe); a handler that ignores the cancel
 * is reported stuck; every slot comes back. The racing test proves its window was real: calls were in flight when the
 * drain began, and it fails if none were.
 */
class DrainTest {
    private static final int ROUNDS = Boolean.getBoolean("capring.stress.long") ? 40 : 4;

    private final EchoService echo = new EchoService();

    private record Running(ServiceHost host, Readiness<Echo.Client> service, ServiceClient client, Echo.Client stub) {
    }

    private Running start(final ServiceConfig config) throws InterruptedException {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> service = host.add(
            ServiceDefinition.of("svc", EchoService.EXPORT, echo.instance(1)).withConfig(config));
        host.start();
        final ServiceClient client = host.connect("caller", service);
        return new Running(host, service, client, client.await(service, Duration.ofSeconds(10)));
    }

    /** Starts {@code n} held calls and waits until all are inside the handler. */
    private List<CompletableFuture<Throwable>> hold(final Echo.Client stub, final int n, final long value)
        throws InterruptedException {
        final List<CompletableFuture<Throwable>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final CompletableFuture<Throwable> done = new CompletableFuture<>();
            calls.add(done);
            Thread.ofVirtual().start(() -> {
                try {
                    EchoService.call(stub, value);
                    done.complete(null);
                } catch (final RuntimeException e) {
                    done.complete(e);
                }
            });
        }
        echo.awaitHeld(n);
        return calls;
    }

    private static void awaitState(final Readiness<?> r, final ServiceState state) throws InterruptedException {
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (r.state() != state) {
            assertTrue(System.nanoTime() - giveUp < 0, () -> "never reached " + state + ": " + r.state());
            Thread.sleep(1);
        }
    }

    @Test
    void stop_callTookItsSlotBeforeTheClientClosedSentAfter_refusedNotLeftUnanswered() throws Exception {
        final Running run = start(ServiceConfig.defaults());
        final Echo.Client.EchoCall call = run.stub().echo(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        final CompletableFuture<StopReport> stop = CompletableFuture.supplyAsync(run.host()::stop,
            Thread::startVirtualThread);
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!run.client().ringClient().isClosed()) {
            assertTrue(System.nanoTime() - giveUp < 0, "the host never closed its client");
            Thread.sleep(1);
        }
        call.params().setValue(7);
        final TransportException.ShuttingDown refused = assertThrows(TransportException.ShuttingDown.class,
            call::invoke, "answered by the service's binding (stopped), not left to its deadline");
        assertFalse(refused.dispatched(), "refused before dispatch");
        call.close();
        assertTrue(stop.get(30, TimeUnit.SECONDS).deadlineMet());
        assertTrue(run.client().ringClient().awaitTermination(Duration.ofSeconds(10)), "every slot came back");
        assertEquals(0, echo.handlerRuns.get());
    }

    @Test
    void drain_callsInFlightFinishWithinGrace_countedDrained() throws Exception {
        final Running run = start(ServiceConfig.defaults().withDrainGrace(Duration.ofSeconds(20)));
        final List<CompletableFuture<Throwable>> held = hold(run.stub(), 3, EchoService.HOLD);
        final CompletableFuture<StopReport> stop = CompletableFuture.supplyAsync(run.host()::stop,
            Thread::startVirtualThread);
        awaitState(run.service(), ServiceState.DRAINING);
        final TransportException.ShuttingDown refused = assertThrows(TransportException.ShuttingDown.class,
            () -> EchoService.call(run.stub(), 7));
        assertFalse(refused.dispatched(), "refused before dispatch");
        assertTrue(refused.retrySafe());
        echo.release();
        final DrainReport report = stop.get(30, TimeUnit.SECONDS).of("svc");
        for (final CompletableFuture<Throwable> call : held) {
            assertEquals(null, call.get(), "a held call completed normally");
        }
        assertEquals(3, report.calls().drained());
        assertEquals(0, report.calls().cancelled());
        assertEquals(0, report.calls().stuck());
        assertEquals(1, report.calls().refused());
        assertEquals(0, report.contextsLeaked());
        assertEquals(null, echo.served.get(7L), "the refused call never ran");
    }

    @Test
    void drain_callsPastGrace_cancelledAndMarkedDispatched() throws Exception {
        final Running run = start(ServiceConfig.defaults().withDrainGrace(Duration.ofMillis(50)));
        final List<CompletableFuture<Throwable>> held = hold(run.stub(), 2, EchoService.HOLD);
        final DrainReport report = run.host().stop().of("svc");
        assertEquals(2, report.calls().cancelled());
        assertEquals(0, report.calls().drained());
        assertEquals(0, report.calls().stuck());
        for (final CompletableFuture<Throwable> call : held) {
            final TransportException.Cancelled e = (TransportException.Cancelled) call.get(30, TimeUnit.SECONDS);
            assertTrue(e.dispatched(), "cancelled after dispatch: marked dispatched");
        }
        assertEquals(run.client().ringClient().slotCount(), run.client().ringClient().freeSlots(),
            "every slot returned");
    }

    @Test
    void drain_handlerIgnoresCancel_reportedStuckThenSlotComesBack() throws Exception {
        final Running run = start(ServiceConfig.defaults().withDrainGrace(Duration.ofMillis(20))
            .withCancelWait(Duration.ofMillis(50)));
        final List<CompletableFuture<Throwable>> held = hold(run.stub(), 1, EchoService.STUCK);
        final DrainReport report = run.host().stop(Duration.ofSeconds(5)).of("svc");
        assertEquals(1, report.calls().stuck());
        assertEquals(1, report.contextsLeaked(), "the stuck call's context is still open: reported");
        echo.release();
        held.getFirst().get(30, TimeUnit.SECONDS);
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run.client().ringClient().freeSlots() != run.client().ringClient().slotCount()
            && System.nanoTime() - giveUp < 0) {
            run.client().ringClient().reapNow();
            Thread.sleep(1);
        }
    }

    /**
     * Seeded: callers submit continuously while held calls are in flight; the drain begins among them; the held calls
     * are released (drained) or not (cancelled) by the seed. Every call ends completed (ran once), refused before
     * dispatch (never ran) or cancelled-and-dispatched; the drain's counts agree with the ledger.
     */
    @Test
    void drain_racingAdmission_everyCallCompletedRefusedOrCancelled_neverLostNeverTwice() throws Exception {
        final SplittableRandom seeds = new SplittableRandom(0xD7A1);
        for (int round = 0; round < ROUNDS; round++) {
            final long seed = seeds.nextLong();
            final SplittableRandom random = new SplittableRandom(seed);
            final boolean releaseHeld = random.nextBoolean();
            final int heldCalls = 1 + random.nextInt(4);
            final EchoService service = new EchoService();
            final ServiceHost host = ServiceHost.create(EchoService.config());
            final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("svc", EchoService.EXPORT,
                service.instance(1)).withConfig(ServiceConfig.defaults()
                    .withDrainGrace(Duration.ofMillis(releaseHeld ? 20_000 : 30))));
            host.start();
            final ServiceClient client = host.connect("ledger", r);
            final Echo.Client stub = client.await(r, Duration.ofSeconds(10));
            final CallLedger ledger = new CallLedger();
            ledger.start(stub, 2 + random.nextInt(3), seed);
            final List<CompletableFuture<Throwable>> held = new ArrayList<>();
            for (int i = 0; i < heldCalls; i++) {
                final CompletableFuture<Throwable> done = new CompletableFuture<>();
                held.add(done);
                Thread.ofVirtual().start(() -> {
                    try {
                        EchoService.call(stub, EchoService.HOLD);
                        done.complete(null);
                    } catch (final RuntimeException e) {
                        done.complete(e);
                    }
                });
            }
            service.awaitHeld(heldCalls);
            final CompletableFuture<StopReport> stop = CompletableFuture.supplyAsync(host::stop,
                Thread::startVirtualThread);
            awaitState(r, ServiceState.DRAINING);
            if (releaseHeld) {
                service.release();
            }
            final DrainReport report = stop.get(60, TimeUnit.SECONDS).of("svc");
            ledger.stopAndJoin();
            ledger.check(service);
            final String where = "round " + round + " seed " + seed + ": " + report;
            assertTrue(report.inFlightAtStart() >= heldCalls, "the window was real: calls in flight at the drain; "
                + where);
            assertEquals(0, report.calls().stuck(), where);
            assertEquals(0, report.contextsLeaked(), where);
            if (releaseHeld) {
                assertTrue(report.calls().drained() >= heldCalls, where);
            } else {
                assertTrue(report.calls().cancelled() >= heldCalls, where);
            }
            assertTrue(report.calls().refused() <= ledger.count(CallLedger.Outcome.REFUSED), where);
            assertEquals(report.calls().cancelled(), ledger.count(CallLedger.Outcome.CANCELLED)
                + (releaseHeld ? 0 : heldCalls), "every cancelled call in the drain's books; " + where);
            for (final CompletableFuture<Throwable> call : held) {
                final Throwable outcome = call.get(30, TimeUnit.SECONDS);
                assertTrue(releaseHeld ? outcome == null : outcome instanceof TransportException.Cancelled, where);
            }
        }
    }
}
