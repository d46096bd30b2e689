package org.capring.bench.service;

import java.time.Duration;
import java.util.List;

import org.capring.bench.call.EchoRig;
import org.capring.ring.ProducerMode;
import org.capring.ring.RingLayout;
import org.capring.ring.call.ClientConfig;
import org.capring.ring.call.ServerConfig;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.capring.service.CallContext;
import org.capring.service.Export;
import org.capring.service.HostConfig;
import org.capring.service.MethodTable;
import org.capring.service.Readiness;
import org.capring.service.ServiceClient;
import org.capring.service.ServiceDefinition;
import org.capring.service.ServiceHost;
import org.capring.service.ServiceInstance;

/**
 * An Echo service in a {@link ServiceHost}, called through a {@link ServiceClient}: the same ring layout, dispatch
 * (endpoint loop), completion (caller reaps) and spin ({@link EchoRig#SPIN_ROUNDS}) as {@link EchoRig}, so that a
 * container call and a bare {@code RingServer} call differ only by the container: the binding, the call context and
 * the phases (none configured).
 */
public final class ServiceRig implements AutoCloseable {
    /** Echo: one idempotent method. */
    public static final Export<Echo.Client> EXPORT = new Export<>(Echo.TYPE_ID,
        MethodTable.of(Echo.class).idempotent(Echo.METHOD_ECHO), Echo.Client::new, (echo, deadline) -> {
            try (Echo.Client.EchoCall call = echo.echo(deadline)) {
                call.params().setValue(0);
                call.invoke();
            }
        });
    /** Values at or above this make the handler wait until its instance drains, then return. */
    public static final long UNTIL_DRAINING = Long.MAX_VALUE / 2;

    private final ServiceHost host;
    private final Readiness<Echo.Client> service;
    private final ServiceClient client;
    private final Echo.Client echo;

    /** Starts the host, its service and a client. */
    public ServiceRig() {
        host = ServiceHost.create(HostConfig.defaults()
            .withRing(RingLayout.builder().sqCapacity(1024).sqProducers(ProducerMode.MULTI)
                .slots(EchoRig.SLOTS, 256, 256).build())
            .withServer(ServerConfig.defaults().withSpinRounds(EchoRig.SPIN_ROUNDS))
            .withClient(ClientConfig.defaults().withSpinRounds(EchoRig.SPIN_ROUNDS))
            .withStopDeadline(Duration.ofSeconds(30)));
        service = host.add(ServiceDefinition.of("echo", EXPORT, instance()));
        try {
            host.start();
            client = host.connect("bench", service);
            echo = client.await(service, Duration.ofSeconds(30));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** @return a new Echo instance */
    public static ServiceInstance instance() {
        return context -> List.of(Echo.capability("echo", (params, results, call) -> {
            final long value = params.getValue();
            if (value >= UNTIL_DRAINING) {
                final CallContext ctx = CallContext.current();
                while (!ctx.isDraining()) {
                    Thread.onSpinWait();
                }
            }
            results.setValue(value);
        }));
    }

    /** @return the host */
    public ServiceHost host() {
        return host;
    }

    /** @return the service's handle */
    public Readiness<Echo.Client> service() {
        return service;
    }

    /**
     * One call through the generated stub, the binding and the context.
     *
     * @param value value to echo
     * @return the echoed value
     */
    public long echo(final long value) {
        try (Echo.Client.EchoCall call = echo.echo()) {
            call.params().setValue(value);
            return call.invoke().getValue();
        }
    }

    @Override
    public void close() {
        host.stop();
    }
}
