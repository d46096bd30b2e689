package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.capring.ring.call.Capability;
import org.capring.ring.call.ServerCall;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.capring.schema.kv.KvProtocol.KeyValue;
import org.capring.service.example.JournalInstance;
import org.capring.service.example.KeyValueExport;
import org.junit.jupiter.api.Test;

/**
 * The host and the service lifecycle: dependency order, every rejection with its exact type, rollback of a failed
 * start, every transition once and observed.
 */
class ServiceHostTest {
    private final EchoService echo = new EchoService();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private ServiceDefinition<Echo.Client> service(final String name) {
        return ServiceDefinition.of(name, EchoService.EXPORT, echo.instance(1, context -> events.add("start " + name)));
    }

    private ServiceDefinition<Echo.Client> serviceStoppedInto(final String name) {
        return ServiceDefinition.of(name, EchoService.EXPORT, new ServiceInstance() {
            @Override
            public List<Capability> start(final StartContext context) {
                events.add("start " + name);
                return List.of(echo.capability(name, 1));
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        });
    }

    @Test
    void start_dependencies_startInTopologicalOrderAndStopInReverse() throws InterruptedException {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> base = host.add(serviceStoppedInto("base"));
        final Readiness<Echo.Client> middle = host.add(serviceStoppedInto("middle"), base);
        final Readiness<Echo.Client> top = host.add(serviceStoppedInto("top"), middle, base);
        host.start();
        assertEquals(ServiceHost.State.RUNNING, host.state());
        assertEquals(List.of("start base", "start middle", "start top"), events);
        for (final Readiness<Echo.Client> r : List.of(base, middle, top)) {
            assertEquals(ServiceState.READY, r.state());
        }
        events.clear();
        final StopReport report = host.stop();
        assertEquals(List.of("stop top", "stop middle", "stop base"), events);
        assertEquals(List.of("top", "middle", "base"), report.services().stream().map(DrainReport::service).toList());
        assertTrue(report.deadlineMet());
        assertEquals(ServiceState.STOPPED, top.state());
        assertEquals(ServiceHost.State.STOPPED, host.state());
    }

    @Test
    void start_dependencyCycle_refusedNamingItBeforeAnythingStarts() {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> a = host.add(service("a"));
        final Readiness<Echo.Client> b = host.add(service("b"), a);
        host.add(service("c"));
        host.addDependencies(a, b);
        final ServiceException.DependencyCycle e = assertThrows(ServiceException.DependencyCycle.class, host::start);
        assertEquals(List.of("a", "b", "a"), e.cycle());
        assertTrue(e.getMessage().contains("a -> b -> a"), e.getMessage());
        assertTrue(events.isEmpty(), "nothing started: " + events);
        assertEquals(ServiceHost.State.NEW, host.state());
        assertEquals(ServiceState.NEW, a.state());
        assertEquals(StopReport.NONE.services(), host.stop().services());
    }

    @Test
    void start_selfDependency_refusedAsACycle() {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> a = host.add(service("a"));
        host.addDependencies(a, a);
        assertEquals(List.of("a", "a"), assertThrows(ServiceException.DependencyCycle.class, host::start).cycle());
    }

    @Test
    void start_twice_alreadyStarted_andAddAfterStart_alreadyStarted() throws InterruptedException {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        host.add(service("a"));
        host.start();
        assertThrows(ServiceException.AlreadyStarted.class, host::start);
        assertThrows(ServiceException.AlreadyStarted.class, () -> host.add(service("late")));
        assertEquals(ServiceHost.State.RUNNING, host.state(), "the refusals changed nothing");
        host.stop();
    }

    @Test
    void start_afterStop_startAfterStop() throws InterruptedException {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        host.add(service("a"));
        host.start();
        host.stop();
        assertThrows(ServiceException.StartAfterStop.class, host::start);
        assertThrows(ServiceException.HostStopped.class, () -> host.add(service("b")));
        assertThrows(ServiceException.HostStopped.class, () -> host.connect("late"));
        assertEquals(StopReport.NONE, host.stop(), "a second stop does nothing");
    }

    @Test
    void stop_neverStarted_stopsAndRefusesStart() {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        host.add(service("a"));
        assertTrue(host.stop().services().isEmpty());
        assertThrows(ServiceException.StartAfterStop.class, host::start);
    }

    @Test
    void add_duplicateNameOrForeignDependency_refused() {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final ServiceHost other = ServiceHost.create(EchoService.config());
        host.add(service("a"));
        assertThrows(ServiceException.DuplicateName.class, () -> host.add(service("a")));
        final Readiness<Echo.Client> foreign = other.add(service("x"));
        assertThrows(ServiceException.UnknownDependency.class, () -> host.add(service("b"), foreign));
        assertThrows(ServiceException.UnknownDependency.class, () -> host.handoff(foreign, echo.instance(2)));
    }

    @Test
    void start_failedDependency_dependentNeverStartsAndFailsNamingIt_startedOnesRolledBack()
        throws InterruptedException {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> independent = host.add(serviceStoppedInto("independent"));
        final IllegalStateException boom = new IllegalStateException("disk missing");
        final Readiness<Echo.Client> broken = host.add(ServiceDefinition.of("broken", EchoService.EXPORT,
            echo.instance(1, context -> {
                throw boom;
            })));
        final Readiness<Echo.Client> dependent = host.add(serviceStoppedInto("dependent"), broken);
        final ServiceException.StartFailed e = assertThrows(ServiceException.StartFailed.class, host::start);
        assertEquals("broken", e.service());
        assertEquals(boom, e.getCause());
        assertEquals(ServiceState.FAILED, broken.state());
        assertEquals(boom, broken.failure());
        assertEquals(ServiceState.FAILED, dependent.state());
        final ServiceException.DependencyFailed because = assertInstanceOf(ServiceException.DependencyFailed.class,
            dependent.failure());
        assertEquals("broken", because.dependency());
        assertEquals(boom, because.getCause());
        assertTrue(events.contains("start independent") && events.contains("stop independent"),
            "the independent service that started was stopped again: " + events);
        assertTrue(!events.contains("start dependent"), "the dependent never started: " + events);
        assertEquals(ServiceState.STOPPED, independent.state());
        assertEquals(ServiceHost.State.FAILED, host.state());
        assertThrows(ServiceException.AlreadyStarted.class, host::start);
    }

    @Test
    void start_rollbackFails_failuresAddedAsSuppressed() {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final IllegalStateException stopFailure = new IllegalStateException("flush failed");
        host.add(ServiceDefinition.of("flaky-stop", EchoService.EXPORT, new ServiceInstance() {
            @Override
            public List<Capability> start(final StartContext context) {
                return List.of(echo.capability("flaky-stop", 1));
            }

            @Override
            public void stop() {
                throw stopFailure;
            }
        }));
        final Readiness<Echo.Client> waitsForFlaky = host.add(ServiceDefinition.of("late-failure", EchoService.EXPORT,
            echo.instance(1, context -> {
                throw new IllegalArgumentException("bad config");
            })));
        final ServiceException.StartFailed e = assertThrows(ServiceException.StartFailed.class, host::start);
        assertEquals("late-failure", e.service());
        assertEquals(1, e.getSuppressed().length);
        assertEquals(stopFailure, e.getSuppressed()[0]);
        assertEquals(ServiceState.FAILED, waitsForFlaky.state());
    }

    @Test
    void start_instanceFails_resourcesClosedInReverseAndCauseKeepsCloseFailures() {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final IllegalStateException closeFailure = new IllegalStateException("second close failed");
        final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("resources", EchoService.EXPORT,
            echo.instance(1, context -> {
                context.closeOnStop(() -> events.add("close first"));
                context.closeOnStop(() -> {
                    events.add("close second");
                    throw closeFailure;
                });
                throw new IllegalStateException("start failed after two resources");
            })));
        final ServiceException.StartFailed e = assertThrows(ServiceException.StartFailed.class, host::start);
        assertEquals(List.of("close second", "close first"), events);
        assertEquals(closeFailure, e.getCause().getSuppressed()[0]);
        assertEquals(ServiceState.FAILED, r.state());
    }

    @Test
    void start_probeFails_probeFailedAndNotReady() {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Export<Echo.Client> failingProbe = new Export<>(Echo.TYPE_ID, EchoService.EXPORT.methods(),
            Echo.Client::new, (stub, deadline) -> {
                throw new IllegalStateException("warming up");
            });
        final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("cold", failingProbe, echo.instance(1)));
        final ServiceException.StartFailed e = assertThrows(ServiceException.StartFailed.class, host::start);
        assertInstanceOf(ServiceException.ProbeFailed.class, e.getCause());
        assertEquals(ServiceState.FAILED, r.state());
    }

    @Test
    void start_probeThroughRing_answerByApplicationErrorCountsAsReady() throws InterruptedException {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<KeyValue.Client> kv = host.add(ServiceDefinition.of("kv", KeyValueExport.EXPORT,
            new JournalInstance(new ConcurrentHashMap<>())));
        host.start();
        assertEquals(ServiceState.READY, kv.state(), "the probe's get was answered with notFound: READY");
        host.stop();
    }

    @Test
    void start_instanceBlocksPastDeadline_readinessTimeout() {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final CountDownLatch never = new CountDownLatch(1);
        final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("slow", EchoService.EXPORT,
            echo.instance(1, context -> never.await()))
            .withConfig(ServiceConfig.defaults().withStartTimeout(Duration.ofMillis(200))));
        final ServiceException.StartFailed e = assertThrows(ServiceException.StartFailed.class, host::start);
        assertInstanceOf(ServiceException.ReadinessTimeout.class, e.getCause());
        assertEquals(ServiceState.FAILED, r.state());
    }

    @Test
    void start_exportMismatch_refused() {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        host.add(ServiceDefinition.of("wrong", EchoService.EXPORT,
            context -> List.of(KeyValue.capability("kv", dummyKv()))));
        final ServiceException.StartFailed e = assertThrows(ServiceException.StartFailed.class, host::start);
        assertInstanceOf(ServiceException.ExportMismatch.class, e.getCause());
    }

    private static KeyValue.Server dummyKv() {
        return new KeyValue.Server() {
            @Override
            public void get(final KeyValue.GetParams.Reader p, final KeyValue.GetResults.Builder r,
                            final ServerCall c) {
            }

            @Override
            public void put(final KeyValue.PutParams.Reader p, final KeyValue.PutResults.Builder r,
                            final ServerCall c) {
            }

            @Override
            public void delete(final KeyValue.DeleteParams.Reader p, final KeyValue.DeleteResults.Builder r,
                               final ServerCall c) {
            }
        };
    }

    @Test
    void startContext_undeclaredDependency_refused() throws InterruptedException {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> a = host.add(service("a"));
        final Readiness<Echo.Client> b = host.add(service("b"));
        final AtomicReference<Throwable> seen = new AtomicReference<>();
        host.add(ServiceDefinition.of("c", EchoService.EXPORT, echo.instance(1, context -> {
            context.await(a);
            try {
                context.await(b);
            } catch (final ServiceException.UndeclaredDependency e) {
                seen.set(e);
            }
        })), a);
        host.start();
        assertInstanceOf(ServiceException.UndeclaredDependency.class, seen.get());
        try (ServiceClient client = host.connect("only-a", a)) {
            assertThrows(ServiceException.UndeclaredDependency.class, () -> client.await(b, Duration.ofSeconds(1)));
            assertEquals(1, EchoService.call(client.await(a, Duration.ofSeconds(5)), 5));
        }
        host.stop();
    }

    @Test
    void lifecycle_everyTransitionOnceInOrder_toldToListeners() throws InterruptedException {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> r = host.add(service("watched"));
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        r.addListener((from, to, cause) -> seen.add(from + "->" + to));
        host.start();
        host.stop();
        assertEquals(List.of("NEW->STARTING", "STARTING->READY", "READY->DRAINING", "DRAINING->STOPPED"), seen);
    }

    @Test
    void stop_idleService_drainsNothingAndReportsZeroes() throws InterruptedException {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> r = host.add(service("idle"));
        host.start();
        try (ServiceClient client = host.connect("c", r)) {
            EchoService.call(client.await(r, Duration.ofSeconds(5)), 1);
        }
        final DrainReport report = host.stop().of("idle");
        assertNotNull(report);
        assertEquals(0, report.inFlightAtStart());
        assertEquals(0, report.calls().refused());
        assertEquals(0, report.contextsLeaked());
        assertNull(report.failure());
    }

    @Test
    void awaitReady_failedService_notReadyWithCause() throws InterruptedException {
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("broken", EchoService.EXPORT,
            echo.instance(1, context -> {
                throw new IllegalStateException("no");
            })));
        assertThrows(ServiceException.ReadinessTimeout.class, () -> r.awaitReady(Duration.ofMillis(1)));
        assertThrows(ServiceException.StartFailed.class, host::start);
        final ServiceException.NotReady e = assertThrows(ServiceException.NotReady.class,
            () -> r.awaitReady(Duration.ofSeconds(1)));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }
}
