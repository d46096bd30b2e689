package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.capring.schema.echo.EchoProtocol.Echo;
import org.capring.service.task.TaskConfig;
import org.capring.service.task.TaskHandle;
import org.capring.service.task.TaskReport;
import org.junit.jupiter.api.Test;

/** A service's background tasks are cancelled and joined before the service reports STOPPED. */
class ServiceTasksTest {

    @Test
    void stop_runningTask_cancelledAndJoinedBeforeStopped() throws InterruptedException {
        final EchoService echo = new EchoService();
        final AtomicBoolean runEnded = new AtomicBoolean();
        final CountDownLatch running = new CountDownLatch(1);
        final AtomicReference<TaskHandle> handle = new AtomicReference<>();
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("tasked", EchoService.EXPORT,
            echo.instance(1, context -> handle.set(context.tasks().every("refresh", Duration.ofMillis(1),
                TaskConfig.defaults(), run -> {
                    running.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } finally {
                        runEnded.set(true);
                    }
                })))));
        final AtomicBoolean endedWhenStopped = new AtomicBoolean();
        r.addListener((from, to, cause) -> {
            if (to == ServiceState.STOPPED) {
                endedWhenStopped.set(runEnded.get());
            }
        });
        host.start();
        assertTrue(running.await(30, TimeUnit.SECONDS), "the task ran");
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handle.get().report().skipped() == 0) {
            assertTrue(System.nanoTime() - giveUp < 0, "a period came due while the run ran");
            Thread.sleep(1);
        }
        final DrainReport report = host.stop().of("tasked");
        assertTrue(endedWhenStopped.get(), "the run had ended when the service reported STOPPED");
        final TaskReport task = report.tasks().getFirst();
        assertEquals("refresh", task.task());
        assertEquals(1, task.cancelledAtStop());
        assertEquals(0, task.stuck());
        assertTrue(task.skipped() > 0, "periods due while the one run ran were skipped (budget 1): " + task);
        assertEquals(task, handle.get().report());
    }
}
