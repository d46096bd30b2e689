package org.capring.service;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.capring.schema.echo.EchoProtocol.Echo;

/**
 * The child JVM of {@link SignalTest}: starts a host with the shutdown hook, calls its service once, prints
 * {@code READY}, and waits for good; a SIGTERM or SIGINT must stop the host gracefully (the service's lifecycle
 * listener prints each transition) before the JVM exits.
 */
public final class SignalChild {
    private SignalChild() {
    }

    /**
     * @param args unused
     * @throws Exception if the start fails
     */
    public static void main(final String[] args) throws Exception {
        final ServiceHost host = ServiceHost.create(EchoService.config().withShutdownHook(true));
        final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("signalled", EchoService.EXPORT,
            new EchoService().instance(1)));
        r.addListener((from, to, cause) -> {
            System.out.println("transition " + from + " -> " + to);
            System.out.flush();
        });
        host.start();
        try (ServiceClient client = host.connect("child", r)) {
            EchoService.call(client.await(r, Duration.ofSeconds(10)), 1);
        }
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
