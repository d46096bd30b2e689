package org.capring.stress.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.capring.ring.call.Status;
import org.capring.ring.concurrent.VirtualThreads;
import org.capring.stress.latency.LatencyLog;
import org.capring.stress.latency.Window;
import org.capring.stress.ledger.BreachKind;
import org.capring.stress.ledger.BreachLog;
import org.capring.stress.ledger.Ledger;
import org.capring.stress.ledger.Outcome;
import org.capring.stress.load.Schedule;
import org.capring.stress.sut.ActionReport;
import org.capring.stress.sut.CallTrace;
import org.capring.stress.sut.Leftovers;
import org.capring.stress.sut.Operation;
import org.capring.stress.sut.RevocationReport;
import org.capring.stress.sut.SystemUnderTest;

/**
 * One stress run: the open-loop generator issues every call of the {@link Plan} at its intended start on a virtual
 * thread of its own, the driver performs the plan's events at theirs, and a logging thread ends an interval every
 * {@link RunSettings#interval()} (HdrHistogram logs, progress line, live loss and lag checks). The ledger checks
 * every outcome and execution as it happens; the first breach stops the generator and the driver, and the run ends
 * with the breach and the ids involved.
 *
 * <p><b>Coordinated omission.</b> A call's intended start is fixed by the schedule before the run. Its caller is
 * started at that instant whatever the system is doing, and its latency is measured from the intended start
 * ({@code corrected}); the figure from its actual submission ({@code uncorrected}) is kept beside it. How late the
 * caller started is the generator's lag: it is recorded too and bounded, because past the bound the numbers would
 * measure the generator, not the system.
 *
 * <p><b>Threads.</b> {@link #run} blocks its caller, which becomes the event driver. All other threads (generator,
 * logger, callers) are named virtual threads of {@link VirtualThreads} factories, and all have ended when it returns.
 */
public final class StressRun {
    private static final System.Logger LOG = System.getLogger(StressRun.class.getName());
    /** How long after the planned start the schedule's origin lies: room to start the threads. */
    private static final long ORIGIN_DELAY_NANOS = 50_000_000L;
    /** Most points of the latency-over-time series. */
    private static final int SERIES_POINTS = 4000;

    private final Plan plan;
    private final SystemUnderTest sut;
    private final RunSettings settings;
    private final Schedule schedule;
    private final BreachLog breaches = new BreachLog();
    private final Ledger ledger;
    private final Revocations revocations;
    private final VirtualThreads callers = new VirtualThreads("stress-call", null);
    private final VirtualThreads workers = new VirtualThreads("stress", null);
    private final AtomicLong issued = new AtomicLong();
    private final List<EventRecord> events = new ArrayList<>();
    private long originNanos;
    /** The end of the warm-up, on the {@link System#nanoTime()} clock. */
    private long warmupEnd;
    private LatencyLog latency;
    /** The current window (the driver's; the progress line reads it). */
    private volatile int window = Window.STEADY.ordinal();
    /** Every window with when it began, for the generator. Set before the generator starts. */
    private WindowTimeline timeline;
    private volatile boolean loggerStop;
    private volatile boolean generatorDone;
    /** Events done, for the progress line (the driver's list is its own). */
    private volatile int eventsDone;
    /** When the current AFTER window ends. Driver thread only. */
    private long afterUntil = Long.MIN_VALUE;

    private StressRun(final Plan plan, final SystemUnderTest sut, final RunSettings settings) {
        this.plan = plan;
        this.sut = sut;
        this.settings = settings;
        this.schedule = plan.schedule();
        this.ledger = new Ledger(schedule.size(), breaches);
        this.revocations = new Revocations(plan.events().size(), breaches);
    }

    /**
     * Runs the plan against the system: starts it, loads and disturbs it, stops it, checks it.
     *
     * @param plan     what to run
     * @param sut      the system, not yet started
     * @param settings how
     * @return what the run found
     * @throws InterruptedException if the calling thread is interrupted (the run is torn down first)
     * @throws IOException          if the logs cannot be written
     * @throws Exception            if the system cannot start
     */
    public static RunResult run(final Plan plan, final SystemUnderTest sut, final RunSettings settings)
        throws Exception {
        final StressRun run = new StressRun(Objects.requireNonNull(plan, "plan"), Objects.requireNonNull(sut, "sut"),
            Objects.requireNonNull(settings, "settings"));
        return run.execute();
    }

    private RunResult execute() throws Exception {
        final long hangBound = settings.lossTimeout().toNanos() / 2;
        final HarnessWork work = new HarnessWork(ledger, plan, hangBound, settings.serviceTime().toNanos());
        sut.start(work);
        // The schedule begins after the system is up: a slow start must not make the first calls overdue.
        final long planned = System.nanoTime() + ORIGIN_DELAY_NANOS;
        final RunSettings.Stall stall = settings.stall();
        if (stall != null) {
            final long stallFrom = planned + stall.at().toNanos();
            work.stall(stallFrom, stallFrom + stall.length().toNanos());
        }
        originNanos = planned;
        timeline = new WindowTimeline(3 * plan.events().size() + 2);
        warmupEnd = originNanos + Plan.warmupNanos(schedule.durationNanos());
        final Instant started = Instant.now().plusNanos(Math.max(0, originNanos - System.nanoTime()));
        final long span = schedule.durationNanos() + settings.lossTimeout().toNanos();
        latency = new LatencyLog(settings.logDir(), originNanos, span, Math.max(10_000_000L, span / SERIES_POINTS),
            started.toEpochMilli());
        Leftovers leftovers = null;
        int skipped = 0;
        long elapsed;
        try {
            final Thread generator = workers.start("generator", this::generate);
            final Thread logger = workers.start("logger", this::logLoop);
            skipped = drive();
            generator.join();
            if (issued.get() < schedule.size() && !breaches.tripped()) {
                breaches.report(BreachKind.GENERATOR_LAG, -1, "the generator stopped after " + issued.get() + " of "
                    + schedule.size() + " calls");
            }
            settle();
            elapsed = System.nanoTime() - originNanos;
            loggerStop = true;
            LockSupport.unpark(logger);
            logger.join();
            // The last interval is judged like every other: calls that began after the logger's last tick count.
            judgeLag(latency.flush(System.nanoTime()));
        } finally {
            latency.close();
            try {
                leftovers = sut.stop(settings.grace());
            } catch (final RuntimeException e) {
                breaches.report(BreachKind.RESOURCE_LEAK, -1, "the system could not be stopped: " + e);
            }
            workers.close();
        }
        if (leftovers != null && !leftovers.clean()) {
            breaches.report(BreachKind.RESOURCE_LEAK, -1, "after the final stop: " + leftovers);
        }
        final Ledger.Tally tally = ledger.finish(issued.get());
        if (!workers.awaitEnded(System.nanoTime() + Duration.ofSeconds(5).toNanos())) {
            breaches.report(BreachKind.RESOURCE_LEAK, -1, "harness threads did not end: " + workers);
        }
        return new RunResult(plan, sut.describe(), started, elapsed, tally, breaches.breaches(), breaches.total(),
            events, skipped, leftovers, latency, ledger.lateOutcomes());
    }

    // ---- the generator -----------------------------------------------------------------------------------------

    /** Issues every call at its intended start; stops at the first breach. */
    private void generate() {
        final int n = schedule.size();
        try {
            for (int id = 0; id < n; id++) {
                final long at = originNanos + schedule.intendedNanos(id);
                long left;
                while ((left = at - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(left);
                }
                if (breaches.tripped()) {
                    return;
                }
                ledger.issue(id);
                // The window the intended start fell in, from the driver's timeline: not the window when the
                // generator got here (it may be late) or when the caller's thread first runs.
                final Window w = at - warmupEnd < 0 ? Window.WARMUP : timeline.at(at);
                callers.start("call", new Caller(id, at, w, schedule.op(id)));
                // Ordered store: the logger's loss check reads how far issuing got.
                issued.lazySet(id + 1L);
            }
        } finally {
            generatorDone = true;
        }
    }

    /** One intended call on its own virtual thread. */
    private final class Caller implements Runnable {
        private final int id;
        private final long intended;
        /** The window the intended start fell in. */
        private final Window w;
        private final Operation op;
        private final CallTrace trace = new CallTrace();

        Caller(final int id, final long intended, final Window w, final Operation op) {
            this.id = id;
            this.intended = intended;
            this.w = w;
            this.op = op;
        }

        @Override
        public void run() {
            final long begin = System.nanoTime();
            latency.recordLag(w, begin - intended);
            try {
                sut.call(id, op, trace);
            } catch (final InterruptedException e) {
                // Torn down: the books are closed and the call was counted lost.
                Thread.currentThread().interrupt();
                return;
            } catch (final RuntimeException | Error e) {
                ledger.record(id, Outcome.INDETERMINATE, Status.UNEXPECTED);
                breaches.report(BreachKind.UNTYPED_FAILURE, id, e.toString());
                return;
            }
            final long done = System.nanoTime();
            if (!trace.ended()) {
                ledger.record(id, Outcome.INDETERMINATE, Status.UNEXPECTED);
                breaches.report(BreachKind.UNTYPED_FAILURE, id, "the system returned without an outcome");
                return;
            }
            final Outcome outcome = classify(trace);
            if (!ledger.record(id, outcome, trace.status())) {
                return;
            }
            latency.record(w, intended, done - intended, done - (trace.sendBeginNanos() == 0 ? begin
                : trace.sendBeginNanos()));
            checkScenario(outcome);
        }

        private void checkScenario(final Outcome outcome) {
            if (outcome == Outcome.COMPLETED && op == Operation.ECHO && trace.value() != id) {
                breaches.report(BreachKind.WRONG_RESULT, id, "Echo answered " + trace.value());
            }
            revocations.check(id, op == Operation.ECHO, trace.epoch(), trace.status(),
                outcome == Outcome.COMPLETED || outcome == Outcome.FAILED, trace.sendBeginNanos(), trace.sendEndNanos());
            final Scenario scenario = plan.spec().scenario();
            if (scenario.refusalsForbidden() && outcome == Outcome.REFUSED) {
                breaches.report(BreachKind.UNEXPECTED_REFUSAL, id, Status.name(trace.status())
                    + " although the service never stopped serving");
            }
            if (scenario.onlyHungIndeterminate() && outcome == Outcome.INDETERMINATE && !plan.hung(id)) {
                breaches.report(BreachKind.DISTURBED, id, Status.name(trace.status()) + " but the call was not hung");
            }
        }
    }

    /**
     * @param trace an ended call
     * @return its outcome: OK completed; not dispatched refused; cancelled or timed out after dispatch
     *     indeterminate; any other typed error after dispatch failed
     */
    static Outcome classify(final CallTrace trace) {
        final int status = trace.status();
        if (status == Status.OK) {
            return Outcome.COMPLETED;
        }
        if (!trace.dispatched()) {
            return Outcome.REFUSED;
        }
        return status == Status.CANCELLED || status == Status.DEADLINE_EXCEEDED ? Outcome.INDETERMINATE : Outcome.FAILED;
    }

    // ---- the driver ----------------------------------------------------------------------------------------------

    /** Performs the events in order at their planned times. @return events skipped */
    private int drive() {
        final List<PlannedEvent> planned = plan.events();
        final long loadEnd = originNanos + schedule.durationNanos();
        final long after = settings.afterWindow().toNanos();
        int epoch = 1;
        int next = 0;
        for (; next < planned.size(); next++) {
            final PlannedEvent event = planned.get(next);
            final long at = originNanos + event.atNanos();
            if (!waitUntil(at, after) || System.nanoTime() - loadEnd >= 0) {
                break;
            }
            final long start = System.nanoTime();
            enter(event.kind().window(), start);
            ActionReport report;
            try {
                report = perform(event, epoch);
                if (event.kind() == EventKind.REVOKE) {
                    epoch++;
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                report = new ActionReport(event.kind().action(), false, 0, 0, 0, 0, 0, "interrupted");
            } catch (final RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "event " + event + " failed", e);
                report = new ActionReport(event.kind().action(), false, 0, 0, 0, 0, 0, e.toString());
            }
            final long end = System.nanoTime();
            events.add(new EventRecord(event, start - originNanos, end - originNanos, report));
            eventsDone = events.size();
            enter(Window.AFTER, end);
            if (!report.succeeded()) {
                breaches.report(BreachKind.ACTION_FAILED, -1, event.kind().label() + " #" + event.index() + ": "
                    + report.detail());
            }
            afterUntil = end + after;
        }
        waitUntil(Long.MAX_VALUE, after);
        return planned.size() - next;
    }

    /**
     * Parks until the instant (ending the AFTER window on the way), or until the run stops or the load ends.
     *
     * @return true if the instant came; false if the run stopped or the load ended first
     */
    private boolean waitUntil(final long instant, final long after) {
        while (true) {
            final long now = System.nanoTime();
            if (breaches.tripped() || generatorDone) {
                enter(Window.STEADY, now);
                return false;
            }
            if (window == Window.AFTER.ordinal() && now - afterUntil >= 0) {
                enter(Window.STEADY, afterUntil);
            }
            if (instant != Long.MAX_VALUE && now - instant >= 0) {
                return true;
            }
            long wake = instant == Long.MAX_VALUE ? now + 20_000_000L : instant;
            if (window == Window.AFTER.ordinal() && afterUntil - wake < 0) {
                wake = afterUntil;
            }
            LockSupport.parkNanos(Math.min(wake - now, 20_000_000L));
        }
    }

    private ActionReport perform(final PlannedEvent event, final int epoch) throws InterruptedException {
        return switch (event.kind()) {
            case DRAIN, HUNG_DRAIN -> sut.drainAndRestart(settings.grace());
            case HANDOFF -> sut.handoff(false, settings.grace());
            case FAILED_HANDOFF -> sut.handoff(true, settings.grace());
            case REVOKE -> {
                revocations.began(epoch, System.nanoTime());
                final RevocationReport report = sut.revoke();
                revocations.ended(epoch, report.endedNanos());
                if (report.epoch() != epoch) {
                    yield new ActionReport(event.kind().action(), false, 0, 0, 0, 0, 0, "revoked epoch "
                        + report.epoch() + ", expected " + epoch);
                }
                yield ActionReport.done(event.kind().action(), "epoch " + epoch + " revoked in "
                    + (report.endedNanos() - report.beganNanos()) / 1000 + " µs");
            }
            case PAUSE_REAPING -> {
                final long until = System.nanoTime() + event.lengthNanos();
                sut.pauseReaping();
                try {
                    long left;
                    while ((left = until - System.nanoTime()) > 0 && !breaches.tripped()) {
                        LockSupport.parkNanos(left);
                    }
                } finally {
                    sut.resumeReaping();
                }
                yield ActionReport.done(event.kind().action(), "reaping paused " + event.lengthNanos() / 1_000_000 + " ms");
            }
        };
    }

    // ---- the end -------------------------------------------------------------------------------------------------

    /**
     * Waits for every caller to end, at most the loss timeout; then closes the books (what is still in flight is
     * lost), interrupts the callers that are left and waits for them once more.
     */
    private void settle() throws InterruptedException {
        callers.close();
        if (callers.awaitEnded(System.nanoTime() + settings.lossTimeout().toNanos())) {
            return;
        }
        ledger.closeBooks();
        sut.resumeReaping();
        callers.interruptAll(null);
        if (!callers.awaitEnded(System.nanoTime() + Duration.ofSeconds(10).toNanos())) {
            breaches.report(BreachKind.RESOURCE_LEAK, -1, callers.running() + " caller threads did not end after "
                + "being interrupted");
        }
    }

    // ---- the logger ----------------------------------------------------------------------------------------------

    /** Ends an interval every tick: logs, progress, live loss and lag checks. */
    private void logLoop() {
        final long tick = settings.interval().toNanos();
        final long loss = settings.lossTimeout().toNanos();
        final PrintStream console = settings.console();
        long next = originNanos + tick;
        long answeredBefore = 0;
        while (!loggerStop) {
            long left;
            while ((left = next - System.nanoTime()) > 0 && !loggerStop) {
                LockSupport.parkNanos(left);
            }
            if (loggerStop) {
                return;
            }
            final long now = System.nanoTime();
            next += tick;
            final LatencyLog.IntervalPoint point = latency.flush(now);
            ledger.checkOverdue(schedule, originNanos, issued.get(), now, loss);
            judgeLag(point);
            if (console != null) {
                final long[] counts = ledger.outcomeCounts();
                long answered = 0;
                for (final long c : counts) {
                    answered += c;
                }
                console.println(progressLine(now, counts, (answered - answeredBefore) * 1e9 / tick, point));
                answeredBefore = answered;
            }
        }
    }

    /** Reports an interval whose generator lag p99 is over the bound (intervals that end in the warm-up are spared). */
    private void judgeLag(final LatencyLog.IntervalPoint point) {
        final long lagBound = settings.lagBound().toNanos();
        // Class loading and the JIT make the first calls late; the bound is judged after the warm-up.
        final long warmup = Plan.warmupNanos(schedule.durationNanos());
        if (point.lagP99Nanos() > lagBound && point.endOffsetNanos() - settings.interval().toNanos() >= warmup) {
            breaches.report(BreachKind.GENERATOR_LAG, -1, String.format(Locale.ROOT,
                "lag p99 %.3f ms over the interval ending at %.1f s, bound %.3f ms", point.lagP99Nanos() / 1e6,
                point.endOffsetNanos() / 1e9, lagBound / 1e6));
        }
    }

    /** Driver thread: the window {@code w} begins at {@code atNanos}. */
    private void enter(final Window w, final long atNanos) {
        if (w.ordinal() != window) {
            timeline.enter(w, atNanos);
            window = w.ordinal();
        }
    }

    /**
     * The windows with the instants they began: written by the driver only, read by the generator, which looks up
     * the window an intended start fell in. Preallocated (an event makes at most three transitions).
     */
    private static final class WindowTimeline {
        private final long[] begins;
        private final byte[] windows;
        /** Volatile: publishes the entries below it. */
        private volatile int size;

        WindowTimeline(final int capacity) {
            begins = new long[capacity + 1];
            windows = new byte[capacity + 1];
            windows[0] = (byte) Window.STEADY.ordinal();
            size = 1;
        }

        void enter(final Window w, final long atNanos) {
            final int n = size;
            if (n == begins.length) {
                throw new IllegalStateException("more window transitions than the plan's events allow");
            }
            begins[n] = atNanos;
            windows[n] = (byte) w.ordinal();
            size = n + 1;
        }

        Window at(final long nanos) {
            for (int i = size - 1; i > 0; i--) {
                if (nanos - begins[i] >= 0) {
                    return Window.of(windows[i]);
                }
            }
            return Window.of(windows[0]);
        }
    }

    private String progressLine(final long now, final long[] counts, final double rate, final LatencyLog.IntervalPoint point) {
        final double elapsed = (now - originNanos) / 1e9;
        final double total = schedule.durationNanos() / 1e9;
        return String.format(Locale.ROOT, "[%5.1fs/%.0fs] %-8s rate %7.0f/s  ok %d  refused %d  failed %d  "
                + "indeterminate %d  p99 %s  lag p99 %s  events %d  left %.0fs%s",
            elapsed, total, Window.of(window).tag(), rate, counts[Outcome.COMPLETED.ordinal()],
            counts[Outcome.REFUSED.ordinal()], counts[Outcome.FAILED.ordinal()],
            counts[Outcome.INDETERMINATE.ordinal()], micros(point.p99Nanos()), micros(point.lagP99Nanos()),
            eventsDone, Math.max(0, total - elapsed), breaches.tripped() ? "  BREACH: " + breaches.first() : "");
    }

    private static String micros(final long nanos) {
        return nanos >= 10_000_000 ? String.format(Locale.ROOT, "%.1f ms", nanos / 1e6)
            : String.format(Locale.ROOT, "%d µs", nanos / 1000);
    }
}
