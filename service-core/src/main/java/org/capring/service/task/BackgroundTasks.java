package org.capring.service.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.capring.ring.concurrent.CancelHandshake;
import org.capring.ring.concurrent.VirtualThreads;

/**
 * The background tasks of one service instance: registered while it starts, run on a period or on a trigger, each
 * run with a deadline and within a budget of concurrent runs, all cancelled and joined by {@link #stop}.
 *
 * {@snippet :
 * TaskHandle compact = tasks.every("compact", Duration.ofSeconds(30), TaskConfig.defaults(), run -> store.compact());
 * TaskHandle flush = tasks.onTrigger("flush", TaskConfig.defaults().withMaxConcurrent(2), run -> store.flush());
 * flush.fire();
 * ...
 * List<TaskReport> reports = tasks.stop(deadline);   // every run cancelled and every thread ended (or stuck)
 * }
 *
 * <p><b>Threads.</b> Thread-safe. Each task has one scheduler thread that waits (a timed wait on a condition, woken
 * by triggers, by ended runs and by the stop) for its next due time or the earliest deadline of its running runs;
 * each run gets its own virtual thread. A run past its deadline is cancelled through its {@link CancelHandshake}
 * (flag, then interrupt) and counted once as an overrun. Every thread comes from one {@link VirtualThreads} factory,
 * so "all joined" is exact.
 */
public final class BackgroundTasks {
    private static final System.Logger LOG = System.getLogger(BackgroundTasks.class.getName());

    private final String owner;
    private final VirtualThreads threads;
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    private final ReentrantLock registration = new ReentrantLock();
    private boolean stopped;

    /**
     * @param owner names every thread ({@code owner-task-name}), for logs and dumps
     */
    public BackgroundTasks(final String owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.threads = new VirtualThreads(owner, null);
    }

    /**
     * Registers a task that runs every {@code period}, the first run one period from now.
     *
     * @param name   the task's name
     * @param period time between due runs (a run due while the last ones still run up to the budget is skipped)
     * @param config deadline per run and budget
     * @param task   the work
     * @return the task's handle
     * @throws IllegalArgumentException if the period is not positive
     * @throws IllegalStateException    if the tasks were stopped
     */
    public TaskHandle every(final String name, final Duration period, final TaskConfig config,
                            final BackgroundTask task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        return register(name, period.toNanos(), config, task);
    }

    /**
     * Registers a task that runs each time it is {@linkplain TaskHandle#fire() fired}.
     *
     * @param name   the task's name
     * @param config deadline per run and budget
     * @param task   the work
     * @return the task's handle
     * @throws IllegalStateException if the tasks were stopped
     */
    public TaskHandle onTrigger(final String name, final TaskConfig config, final BackgroundTask task) {
        return register(name, 0, config, task);
    }

    private TaskHandle register(final String name, final long periodNanos, final TaskConfig config,
                                final BackgroundTask task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(task, "task");
        registration.lock();
        try {
            if (stopped) {
                throw new IllegalStateException(owner + ": tasks stopped, no new task " + name);
            }
            final Task t = new Task(name, periodNanos, config, task);
            tasks.add(t);
            threads.start("task-" + name, t::schedule);
            return t;
        } finally {
            registration.unlock();
        }
    }

    /** @return every task's counts so far, in registration order */
    public List<TaskReport> reports() {
        final List<TaskReport> out = new ArrayList<>();
        for (final Task t : tasks) {
            out.add(t.report());
        }
        return out;
    }

    /**
     * Stops every task: no new runs, every running run cancelled, then waits until every thread has ended or the
     * deadline passes. Idempotent: a second call waits again and reports again.
     *
     * @param deadlineNanos absolute deadline on the {@link System#nanoTime()} clock
     * @return every task's final counts; runs still running at the deadline count as stuck
     * @throws InterruptedException if interrupted while waiting (every run was cancelled already)
     */
    public List<TaskReport> stop(final long deadlineNanos) throws InterruptedException {
        registration.lock();
        try {
            stopped = true;
        } finally {
            registration.unlock();
        }
        for (final Task t : tasks) {
            t.stop();
        }
        threads.close();
        threads.awaitEnded(deadlineNanos);
        return reports();
    }

    /** One registered task: its scheduler loop and its runs. */
    private final class Task implements TaskHandle {
        private final String name;
        private final long periodNanos;
        private final TaskConfig config;
        private final BackgroundTask work;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        /** Guarded by {@link #lock}. */
        private final List<Run> running = new ArrayList<>();
        private long nextDue;
        private long triggers;
        private boolean stopping;
        private long started;
        private long completed;
        private long failed;
        private long overruns;
        private long skipped;
        private long cancelledAtStop;

        Task(final String name, final long periodNanos, final TaskConfig config, final BackgroundTask work) {
            this.name = name;
            this.periodNanos = periodNanos;
            this.config = config;
            this.work = work;
            this.nextDue = System.nanoTime() + periodNanos;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void fire() {
            lock.lock();
            try {
                if (!stopping) {
                    triggers++;
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        void stop() {
            lock.lock();
            try {
                stopping = true;
                for (final Run run : running) {
                    if (!run.cancelSent) {
                        run.cancelSent = true;
                        cancelledAtStop++;
                        run.handshake.cancel();
                    }
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** The scheduler loop: starts due runs, cancels overruns, sleeps until the next thing to do. */
        void schedule() {
            lock.lock();
            try {
                while (!stopping) {
                    final long now = System.nanoTime();
                    long wake = periodNanos > 0 ? nextDue : Long.MAX_VALUE;
                    for (final Run run : running) {
                        if (run.cancelSent) {
                            continue;
                        }
                        if (now - run.deadlineNanos >= 0) {
                            run.cancelSent = true;
                            overruns++;
                            run.handshake.cancel();
                        } else if (wake == Long.MAX_VALUE || run.deadlineNanos - wake < 0) {
                            wake = run.deadlineNanos;
                        }
                    }
                    boolean due = false;
                    if (periodNanos > 0 && now - nextDue >= 0) {
                        due = true;
                        while (now - nextDue >= 0) {
                            nextDue += periodNanos; // missed periods are not made up
                        }
                        if (wake == Long.MAX_VALUE || nextDue - wake < 0) {
                            wake = nextDue;
                        }
                    } else if (triggers > 0) {
                        due = true;
                        triggers--;
                    }
                    if (due) {
                        if (running.size() < config.maxConcurrent()) {
                            startRun(now);
                        } else {
                            skipped++;
                        }
                        continue; // look again: a deadline may now be the earliest thing to do
                    }
                    try {
                        if (wake == Long.MAX_VALUE) {
                            changed.await();
                        } else {
                            changed.awaitNanos(Math.max(1, wake - System.nanoTime()));
                        }
                    } catch (final InterruptedException e) {
                        // Only the stop interrupts nothing here; the flag says whether to go on.
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        /** Starts one run on its own thread; the caller holds the lock and is not stopping. */
        private void startRun(final long now) {
            started++;
            final Run run = new Run(this, started, now + config.runDeadline().toNanos());
            running.add(run);
            try {
                threads.start("task-" + name + "-" + started, run);
            } catch (final IllegalStateException e) {
                running.remove(run);
                started--;
            }
        }

        void ended(final Run run, final boolean ok, final Throwable failure) {
            lock.lock();
            try {
                running.remove(run);
                if (ok) {
                    completed++;
                } else if (!run.cancelSent) {
                    failed++;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (failure != null && !run.cancelSent) {
                LOG.log(System.Logger.Level.WARNING, () -> owner + ": task " + name + " run " + run.number + " failed",
                    failure);
            }
        }

        @Override
        public TaskReport report() {
            lock.lock();
            try {
                // Once stopping, a run still in the list has been cancelled and has not ended.
                final long stuck = stopping ? running.size() : 0;
                return new TaskReport(name, started, completed, failed, overruns, skipped, cancelledAtStop, stuck);
            } finally {
                lock.unlock();
            }
        }
    }

    /** One run of a task, on its own thread. */
    private static final class Run implements Runnable, TaskRun {
        final Task task;
        final long number;
        final long deadlineNanos;
        final CancelHandshake handshake = new CancelHandshake();
        /** Guarded by the task's lock: the run was cancelled (overrun or stop) and counted so. */
        boolean cancelSent;

        Run(final Task task, final long number, final long deadlineNanos) {
            this.task = task;
            this.number = number;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public void run() {
            if (!handshake.begin()) {
                task.ended(this, false, null);
                return;
            }
            boolean ok = false;
            Throwable failure = null;
            try {
                task.work.run(this);
                ok = true;
            } catch (final Throwable e) {
                // An Error ends the run like an exception: counted failed and logged, never left "running" (a budget
                // of one would then skip every later run, and the stop would report a stuck run that ended).
                failure = e;
            } finally {
                handshake.end();
            }
            task.ended(this, ok, failure);
        }

        @Override
        public String task() {
            return task.name;
        }

        @Override
        public long number() {
            return number;
        }

        @Override
        public long deadlineNanos() {
            return deadlineNanos;
        }

        @Override
        public boolean isCancelled() {
            return handshake.isCancelled();
        }
    }
}
