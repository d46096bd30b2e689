package org.capring.service.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/**
 * Background tasks: periodic and triggered runs, the per-run deadline (an overrun is cancelled and counted), the
 * concurrency budget (a run due while the budget is used is skipped and counted), and the stop, which cancels every
 * run and joins every thread (or reports it stuck).
 */
class BackgroundTasksTest {
    private static final long LIVENESS = TimeUnit.SECONDS.toNanos(30);

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException {
        final long giveUp = System.nanoTime() + LIVENESS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - giveUp < 0, "never: " + what);
            Thread.sleep(1);
        }
    }

    private static long deadline() {
        return System.nanoTime() + LIVENESS;
    }

    @Test
    void every_period_runsAgainAndAgain() throws InterruptedException {
        final BackgroundTasks tasks = new BackgroundTasks("t");
        final AtomicInteger runs = new AtomicInteger();
        final TaskHandle tick = tasks.every("tick", Duration.ofMillis(5), TaskConfig.defaults(), run -> {
            assertEquals("tick", run.task());
            runs.incrementAndGet();
        });
        await(() -> runs.get() >= 3, "three periodic runs");
        final TaskReport report = tasks.stop(deadline()).getFirst();
        assertEquals(tick.name(), report.task());
        assertEquals(report.started(), report.completed());
        assertEquals(0, report.stuck());
    }

    @Test
    void onTrigger_fire_runsOncePerFire() throws InterruptedException {
        final BackgroundTasks tasks = new BackgroundTasks("t");
        final AtomicInteger runs = new AtomicInteger();
        final TaskHandle flush = tasks.onTrigger("flush", TaskConfig.defaults(), run -> runs.incrementAndGet());
        for (int i = 1; i <= 3; i++) {
            flush.fire();
            final int expected = i;
            await(() -> flush.report().completed() == expected, "run " + expected);
        }
        assertEquals(3, runs.get());
        assertEquals(3, tasks.stop(deadline()).getFirst().started());
    }

    @Test
    void run_pastItsDeadline_cancelledInterruptedAndCountedAsOverrun() throws InterruptedException {
        final BackgroundTasks tasks = new BackgroundTasks("t");
        final AtomicBoolean interrupted = new AtomicBoolean();
        final CountDownLatch never = new CountDownLatch(1);
        final TaskHandle slow = tasks.onTrigger("slow", TaskConfig.defaults().withRunDeadline(Duration.ofMillis(20)),
            run -> {
                try {
                    never.await();
                } catch (final InterruptedException e) {
                    interrupted.set(run.isCancelled());
                    throw e;
                }
            });
        slow.fire();
        await(() -> slow.report().overruns() == 1 && slow.report().started() == 1
            && slow.report().failed() == 0 && interrupted.get(), "the overrun cancelled");
        final TaskReport report = tasks.stop(deadline()).getFirst();
        assertEquals(1, report.overruns());
        assertEquals(0, report.failed(), "a cancelled run is an overrun, not a failure");
        assertEquals(0, report.cancelledAtStop());
    }

    @Test
    void run_throwingAnError_countedFailed_budgetFreedForTheNextRun() throws InterruptedException {
        final BackgroundTasks tasks = new BackgroundTasks("t");
        final AtomicInteger runs = new AtomicInteger();
        final TaskHandle broken = tasks.onTrigger("broken", TaskConfig.defaults(), run -> {
            if (runs.incrementAndGet() == 1) {
                throw new AssertionError("an Error, not an exception");
            }
        });
        broken.fire();
        await(() -> broken.report().failed() == 1, "the first run counted failed");
        broken.fire();
        await(() -> broken.report().completed() == 1, "the second run ran: the budget of one was given back");
        final TaskReport report = tasks.stop(deadline()).getFirst();
        assertEquals(0, report.skipped());
        assertEquals(0, report.stuck(), "a run that ended is not stuck");
    }

    @Test
    void fire_whileBudgetUsed_skippedAndCounted() throws InterruptedException {
        final BackgroundTasks tasks = new BackgroundTasks("t");
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final TaskHandle one = tasks.onTrigger("one", TaskConfig.defaults(), run -> {
            running.incrementAndGet();
            release.await();
        });
        one.fire();
        await(() -> running.get() == 1, "the first run");
        one.fire();
        await(() -> one.report().skipped() == 1, "the second run skipped");
        release.countDown();
        await(() -> one.report().completed() == 1, "the first run completed");
        assertEquals(1, tasks.stop(deadline()).getFirst().started());
    }

    @Test
    void stop_cancelsRunningRunsAndJoinsEveryThread() throws InterruptedException {
        final BackgroundTasks tasks = new BackgroundTasks("t");
        final AtomicBoolean ended = new AtomicBoolean();
        final AtomicInteger running = new AtomicInteger();
        final TaskHandle blocking = tasks.onTrigger("blocking", TaskConfig.defaults(), run -> {
            running.incrementAndGet();
            try {
                new CountDownLatch(1).await();
            } finally {
                ended.set(true);
            }
        });
        blocking.fire();
        await(() -> running.get() == 1, "the run started");
        final TaskReport report = tasks.stop(deadline()).getFirst();
        assertTrue(ended.get(), "the run ended before stop returned");
        assertEquals(1, report.cancelledAtStop());
        assertEquals(0, report.stuck());
        assertThrows(IllegalStateException.class, () -> tasks.onTrigger("late", TaskConfig.defaults(), run -> {
        }), "no task after stop");
        blocking.fire(); // ignored after stop
        assertEquals(1, blocking.report().started());
    }

    @Test
    void stop_runIgnoringCancel_reportedStuck() throws InterruptedException {
        final BackgroundTasks tasks = new BackgroundTasks("t");
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final TaskHandle stubborn = tasks.onTrigger("stubborn", TaskConfig.defaults(), run -> {
            running.incrementAndGet();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (final InterruptedException ignored) {
                    // ignores its cancellation
                }
            }
        });
        stubborn.fire();
        await(() -> running.get() == 1, "the run started");
        final List<TaskReport> reports = tasks.stop(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
        assertEquals(1, reports.getFirst().stuck());
        release.countDown();
        await(() -> stubborn.report().stuck() == 0, "the stubborn run ended at last");
    }

    @Test
    void every_badPeriod_refused_andTaskConfigValidated() {
        final BackgroundTasks tasks = new BackgroundTasks("t");
        assertThrows(IllegalArgumentException.class,
            () -> tasks.every("zero", Duration.ZERO, TaskConfig.defaults(), run -> {
            }));
        assertThrows(IllegalArgumentException.class, () -> TaskConfig.defaults().withMaxConcurrent(0));
        assertThrows(IllegalArgumentException.class, () -> TaskConfig.defaults().withRunDeadline(Duration.ZERO));
        assertEquals(TaskConfig.DEFAULT_MAX_CONCURRENT, TaskConfig.defaults().maxConcurrent());
    }
}
