package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.capring.ring.call.Capability;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live handoff, transactional: the new instance serves only once READY; a new instance that fails or is late leaves
 * the old one serving, untouched; a handoff during a handoff is refused; under load no call is lost or served twice,
 * and calls were in flight on the old instance when it was retargeted.
 */
class HandoffTest {
    private static final int ROUNDS = Boolean.getBoolean("capring.stress.long") ? 30 : 3;

    private final EchoService echo = new EchoService();
    private ServiceHost host;
    private Readiness<Echo.Client> service;
    private ServiceClient client;
    private Echo.Client stub;

    @BeforeEach
    void start() throws InterruptedException {
        host = ServiceHost.create(EchoService.config());
        service = host.add(ServiceDefinition.of("svc", EchoService.EXPORT, echo.instance(1))
            .withConfig(ServiceConfig.defaults().withStartTimeout(Duration.ofSeconds(10))));
        host.start();
        client = host.connect("caller", service);
        stub = client.await(service, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        host.stop();
        assertEquals(client.ringClient().slotCount(), client.ringClient().freeSlots(), "every slot returned");
    }

    @Test
    void handoff_newInstanceReady_retargetsNewCallsAndDrainsOld() {
        assertEquals(1, EchoService.call(stub, 1));
        final HandoffReport report = host.handoff(service, echo.instance(2));
        assertEquals(1, report.oldInstance());
        assertEquals(2, report.newInstance());
        assertEquals(2, EchoService.call(stub, 2), "the same stub and handle reach the new instance");
        assertNull(report.oldStopped().failure());
        assertEquals(ServiceState.READY, service.state(), "the service never stopped serving");
        assertSame(stub, awaitAgain(), "the holder keeps the capability it was granted");
    }

    private static void await(final java.util.function.BooleanSupplier condition, final String what)
        throws InterruptedException {
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - giveUp < 0, "never: " + what);
            Thread.sleep(1);
        }
    }

    private Echo.Client awaitAgain() {
        try {
            return client.await(service, Duration.ofSeconds(1));
        } catch (final InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Starts a handoff to instance 2 whose start waits for {@code proceed}; returns once that start is running.
     */
    private CompletableFuture<HandoffReport> handoffHeldInItsStart(final CountDownLatch proceed)
        throws InterruptedException {
        final CountDownLatch entered = new CountDownLatch(1);
        final CompletableFuture<HandoffReport> handoff = CompletableFuture.supplyAsync(
            () -> host.handoff(service, echo.instance(2, context -> {
                entered.countDown();
                proceed.await();
            })), Thread::startVirtualThread);
        assertTrue(entered.await(30, TimeUnit.SECONDS), "the handoff's start is running");
        return handoff;
    }

    /** A new instance whose start throws {@code thrown}: START_FAILED with it as the cause, the old one serves on. */
    private void assertStartFailureLeavesTheOldServing(final Throwable thrown) {
        final ServiceException.HandoffFailed e = assertThrows(ServiceException.HandoffFailed.class,
            () -> host.handoff(service, echo.instance(2, context -> {
                if (thrown instanceof Exception x) {
                    throw x;
                }
                throw (Error) thrown;
            })));
        assertEquals(ServiceException.HandoffFailure.START_FAILED, e.reason());
        assertSame(thrown, e.getCause());
        assertEquals(1, EchoService.call(stub, 3), "the old instance still serves");
    }

    @Test
    void handoff_newInstanceFailsStart_oldServesUntouched_startFailed() {
        assertStartFailureLeavesTheOldServing(new IllegalStateException("bad build"));
        assertEquals(2, host.handoff(service, echo.instance(3)).oldInstance() + 1, "a later handoff still works");
    }

    @Test
    void handoff_probeFails_probeFailed_oldServes() {
        final ServiceException.HandoffFailed e = assertThrows(ServiceException.HandoffFailed.class,
            () -> host.handoff(service, context -> List.of(new Capability("broken", Echo.TYPE_ID, 1, call -> {
                throw new IllegalStateException("not ready yet");
            }))));
        assertEquals(ServiceException.HandoffFailure.PROBE_FAILED, e.reason());
        assertInstanceOf(ServiceException.ProbeFailed.class, e.getCause());
        assertEquals(1, EchoService.call(stub, 4));
    }

    @Test
    void handoff_notReadyByDeadline_oldServes() throws InterruptedException {
        final ServiceHost slowHost = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> slow = slowHost.add(ServiceDefinition.of("slow", EchoService.EXPORT,
            echo.instance(1)).withConfig(ServiceConfig.defaults().withStartTimeout(Duration.ofMillis(150))));
        slowHost.start();
        final CountDownLatch never = new CountDownLatch(1);
        try (ServiceClient slowClient = slowHost.connect("c", slow)) {
            final Echo.Client slowStub = slowClient.await(slow, Duration.ofSeconds(10));
            final ServiceException.HandoffFailed e = assertThrows(ServiceException.HandoffFailed.class,
                () -> slowHost.handoff(slow, echo.instance(2, context -> never.await())));
            assertEquals(ServiceException.HandoffFailure.NOT_READY_BY_DEADLINE, e.reason());
            assertEquals(1, EchoService.call(slowStub, 5));
        } finally {
            slowHost.stop();
        }
    }

    @Test
    void handoff_duringHandoff_refusedHandoffInProgress_firstGoesOn() throws Exception {
        final CountDownLatch proceed = new CountDownLatch(1);
        final CompletableFuture<HandoffReport> first = handoffHeldInItsStart(proceed);
        assertThrows(ServiceException.HandoffInProgress.class, () -> host.handoff(service, echo.instance(3)));
        assertEquals(1, EchoService.call(stub, 6), "the old instance serves while the first handoff runs");
        proceed.countDown();
        assertEquals(2, first.get(30, TimeUnit.SECONDS).newInstance());
        assertEquals(2, EchoService.call(stub, 7));
    }

    @Test
    void handoff_newInstanceStartThrowsAnError_typedStartFailed_oldServes() {
        assertStartFailureLeavesTheOldServing(new NoClassDefFoundError("org/example/Missing"));
    }

    /**
     * The new instance's probe outlives its start timeout: the rollback cancels the probe call and waits for it
     * before the instance's stop hook runs (its resources are never closed under a running call).
     */
    @Test
    void handoff_probeOutlivesStartTimeout_rollbackCancelsTheProbeBeforeTheStopHook() throws InterruptedException {
        final ServiceHost slowHost = ServiceHost.create(EchoService.config());
        // Long enough for the first instance's start and for the probe to reach the hanging handler on a slow machine.
        final Readiness<Echo.Client> slow = slowHost.add(ServiceDefinition.of("slow", EchoService.EXPORT,
            echo.instance(1)).withConfig(ServiceConfig.defaults().withStartTimeout(Duration.ofSeconds(2))));
        final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch probing = new CountDownLatch(1);
        final ServiceInstance hanging = new ServiceInstance() {
            @Override
            public List<Capability> start(final StartContext context) {
                return List.of(Echo.capability("hangs", (params, results, call) -> {
                    probing.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (final InterruptedException e) {
                        order.add("probe cancelled");
                        throw e;
                    }
                }));
            }

            @Override
            public void stop() {
                order.add("stop hook");
            }
        };
        try {
            slowHost.start();
            final ServiceException.HandoffFailed e = assertThrows(ServiceException.HandoffFailed.class,
                () -> slowHost.handoff(slow, hanging));
            assertTrue(probing.await(0, TimeUnit.SECONDS), "the probe reached the handler");
            // The probe's deadline is the start's: whichever of the two is seen first names the failure.
            assertTrue(e.reason() == ServiceException.HandoffFailure.PROBE_FAILED
                || e.reason() == ServiceException.HandoffFailure.NOT_READY_BY_DEADLINE, e.reason().toString());
            assertEquals(List.of("probe cancelled", "stop hook"), order);
            assertEquals(1, EchoService.call(slowStub(slowHost, slow), 5), "the old instance serves on");
        } finally {
            slowHost.stop();
        }
    }

    private static Echo.Client slowStub(final ServiceHost host, final Readiness<Echo.Client> service)
        throws InterruptedException {
        return host.connect("later", service).await(service, Duration.ofSeconds(10));
    }

    /** A stop that begins while a handoff's new instance starts: nothing is retargeted; the stop drains the old one. */
    @Test
    void stop_duringHandoff_handoffRetargetsNothing_stopDrainsTheOldInstance() throws Exception {
        final CountDownLatch proceed = new CountDownLatch(1);
        final CompletableFuture<HandoffReport> handoff = handoffHeldInItsStart(proceed);
        final CompletableFuture<StopReport> stop = CompletableFuture.supplyAsync(() -> host.stop(Duration.ofSeconds(30)),
            Thread::startVirtualThread);
        await(() -> host.state() == ServiceHost.State.STOPPING, "the stop began");
        proceed.countDown();
        final StopReport report = stop.get(30, TimeUnit.SECONDS);
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> handoff.get(30, TimeUnit.SECONDS));
        assertInstanceOf(ServiceException.HostStopped.class, refused.getCause());
        final DrainReport svc = report.of("svc");
        assertNull(svc.failure());
        assertEquals(1, svc.instance(), "the old instance was drained: the new one never served");
        assertEquals(ServiceState.STOPPED, service.state());
    }

    /** A stop whose deadline passes while a handoff holds the service: reported, and the handoff stops it after. */
    @Test
    void stop_blockedByHandoffPastDeadline_reportedIncomplete_serviceStoppedWhenHandoffEnds() throws Exception {
        final CountDownLatch proceed = new CountDownLatch(1);
        final CompletableFuture<HandoffReport> handoff = handoffHeldInItsStart(proceed);
        final StopReport report = host.stop(Duration.ofMillis(100));
        assertInstanceOf(ServiceException.StopIncomplete.class, report.of("svc").failure(),
            "reported as blocked, not as a service that was not serving");
        proceed.countDown();
        final ExecutionException refused = assertThrows(ExecutionException.class,
            () -> handoff.get(30, TimeUnit.SECONDS));
        // The host's probe ring closed with the host: the new instance's probe fails, nothing was retargeted.
        assertInstanceOf(ServiceException.HandoffFailed.class, refused.getCause());
        await(() -> service.state() == ServiceState.STOPPED, "the handoff stopped the service the stop left to it");
    }

    @Test
    void handoff_afterStop_hostStopped() {
        host.stop();
        assertThrows(ServiceException.HostStopped.class, () -> host.handoff(service, echo.instance(2)));
    }

    /**
     * Seeded, one host per round: callers call continuously and some calls are held on the old instance while the
     * handoff retargets; the held calls are released once a call was answered by the new instance. Every call
     * completes exactly once (a handoff refuses nothing), each by the old or the new instance, and the old instance
     * drained the held calls.
     */
    @Test
    void handoff_racingCalls_noCallLostOrServedTwice() throws Exception {
        final SplittableRandom seeds = new SplittableRandom(0x4A0D);
        for (int round = 0; round < ROUNDS; round++) {
            final long seed = seeds.nextLong();
            final SplittableRandom random = new SplittableRandom(seed);
            final int heldCalls = 1 + random.nextInt(3);
            final EchoService old = new EchoService();
            final EchoService fresh = new EchoService();
            final ServiceHost racing = ServiceHost.create(EchoService.config());
            final Readiness<Echo.Client> r = racing.add(ServiceDefinition.of("svc", EchoService.EXPORT,
                old.instance(1)));
            racing.start();
            final ServiceClient caller = racing.connect("ledger", r);
            final Echo.Client racingStub = caller.await(r, Duration.ofSeconds(10));
            final List<CompletableFuture<Long>> held = new ArrayList<>();
            for (int i = 0; i < heldCalls; i++) {
                held.add(CompletableFuture.supplyAsync(() -> EchoService.call(racingStub, EchoService.HOLD),
                    Thread::startVirtualThread));
            }
            old.awaitHeld(heldCalls);
            final CallLedger ledger = new CallLedger();
            ledger.start(racingStub, 2 + random.nextInt(3), seed);
            final CompletableFuture<HandoffReport> handoff = CompletableFuture.supplyAsync(
                () -> racing.handoff(r, fresh.instance(2)), Thread::startVirtualThread);
            final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!ledger.tags.containsValue(2L)) {
                assertTrue(System.nanoTime() - giveUp < 0, "no call reached the new instance");
                Thread.sleep(1);
            }
            old.release();
            final HandoffReport report = handoff.get(60, TimeUnit.SECONDS);
            ledger.stopAndJoin();
            racing.stop();
            final String where = "round " + round + " seed " + seed + ": " + report;
            for (final CompletableFuture<Long> call : held) {
                assertEquals(1L, call.get(30, TimeUnit.SECONDS), "held calls finished on the old instance");
            }
            assertTrue(report.oldStopped().inFlightAtStart() >= heldCalls,
                "the window was real: calls in flight on the old instance at the retarget; " + where);
            assertEquals(report.oldStopped().inFlightAtStart(), report.oldStopped().calls().drained(), where);
            assertEquals(0, report.oldStopped().calls().refused(), "a handoff refuses nothing; " + where);
            assertEquals(0, ledger.count(CallLedger.Outcome.REFUSED) + ledger.count(CallLedger.Outcome.CANCELLED),
                "every call of the handoff completed; " + where);
            final EchoService both = new EchoService();
            both.served.putAll(old.served);
            fresh.served.forEach((value, runs) -> both.served.merge(value, runs, Long::sum));
            ledger.check(both);
            for (final Long tag : ledger.tags.values()) {
                assertTrue(tag == 1L || tag == 2L, () -> "served by the old or the new instance: " + tag);
            }
            assertEquals(caller.ringClient().slotCount(), caller.ringClient().freeSlots(), where);
        }
    }
}
