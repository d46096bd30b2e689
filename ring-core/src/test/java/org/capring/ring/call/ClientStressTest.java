package org.capring.ring.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded randomized stress of the client in every {@link DispatchMode} x {@link CompletionMode}: many
 * virtual-thread callers make a random mix of echo, failing, sleeping-with-deadline, cancelled and
 * closed-without-await calls against several capabilities. A ledger gives every call exactly one outcome, checks
 * it is one the call's kind allows (OK with its own echo, its own application error, DEADLINE_EXCEEDED, CANCELLED,
 * or "abandoned" for a call closed unawaited), and then checks the books on both sides: every call has one entry
 * (0 lost, 0 duplicated), the server answered every CALL it was sent exactly once, no completion went astray, and
 * (through {@link CallFixture#close()}) every slot came back and every server thread ended.
 *
 * <p>The seed is printed; rerun with {@code -Dcapring.stress.seed=<seed>}, one mode only with
 * {@code -Dcapring.stress.mode=THREAD_PER_CALL/REAPER_THREAD}; {@code -Dcapring.stress.long=true} makes 30 times as
 * many calls.
 */
class ClientStressTest {
    private static final long SEED = Long.getLong("capring.stress.seed", System.nanoTime());
    private static final int CALLERS = 48;
    private static final int CALLS_PER_CALLER = Boolean.getBoolean("capring.stress.long") ? 4_500 : 150;
    private static final int CAPABILITIES = 4;
    /** Longest time without any call finishing before a caller counts as hung. */
    private static final Duration LIVENESS = Duration.ofSeconds(30);

    /** The kinds of call. */
    private enum Kind { ECHO, FAIL, SLEEP_WITH_DEADLINE, CANCEL, CLOSE_WITHOUT_AWAIT, CANCEL_THEN_CLOSE }

    /** Outcomes, stored +1 in the ledger so that 0 means "none yet". */
    private enum Outcome { OK, APPLICATION_ERROR, DEADLINE_EXCEEDED, CANCELLED, ABANDONED }

    static Stream<Arguments> modes() {
        final String only = System.getProperty("capring.stress.mode");
        return RingCallTest.modes().filter(a -> only == null
            || (a.get()[0] + "/" + a.get()[1]).equals(only));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void randomMix_everyCallOneExpectedOutcome_noneLostNoneDuplicated(final DispatchMode dispatch,
                                                                       final CompletionMode completion)
        throws InterruptedException {
        System.out.println("ClientStressTest " + dispatch + "/" + completion + " seed=" + SEED);
        final int total = CALLERS * CALLS_PER_CALLER;
        final AtomicIntegerArray ledger = new AtomicIntegerArray(total);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong outcomes = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        final TreeMap<String, Long> tally = new TreeMap<>();
        // An inline handler blocks the reader, and with it the CANCEL behind its CALL: keep inline sleeps short.
        final int cancelledSleepMillis = dispatch == DispatchMode.INLINE ? 2 : 60_000;
        try (CallFixture f = new CallFixture(dispatch, completion, 32, 1024, 1024)) {
            final int[] handles = new int[CAPABILITIES];
            handles[0] = f.probeHandle;
            for (int i = 1; i < CAPABILITIES; i++) {
                handles[i] = f.caps.grant(new ProbeCapability("probe" + i).capability);
            }
            final List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                final int caller = t;
                callers.add(Thread.ofVirtual().name("stress-caller-" + caller).start(() -> {
                    final SplittableRandom random = new SplittableRandom(SEED + caller);
                    for (int i = 0; i < CALLS_PER_CALLER; i++) {
                        final int id = caller * CALLS_PER_CALLER + i;
                        final Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                        final int handle = handles[random.nextInt(CAPABILITIES)];
                        try {
                            final Outcome outcome = call(f.client, handle, id, kind, random, cancelledSleepMillis, sent);
                            if (!ledger.compareAndSet(id, 0, outcome.ordinal() + 1)) {
                                duplicates.incrementAndGet();
                            }
                            outcomes.incrementAndGet();
                            synchronized (tally) {
                                tally.merge(kind + "->" + outcome, 1L, Long::sum);
                            }
                        } catch (final Throwable e) {
                            failures.add(new AssertionError("call " + id + " (" + kind + ")", e));
                            outcomes.incrementAndGet();
                        }
                    }
                }));
            }
            final Thread hung = Liveness.joinAll(callers, outcomes::get, LIVENESS);
            if (hung != null) {
                fail("seed " + SEED + ": a caller hangs: " + hung + " at " + Arrays.toString(hung.getStackTrace())
                    + "; client: free slots " + f.client.freeSlots() + " of " + f.client.slotCount()
                    + ", stray completions " + f.client.strayCompletions() + "; server: in flight "
                    + f.server.inFlight() + ", completed " + f.server.completedCalls() + ", rejected "
                    + f.server.rejectedEntries() + ", threads " + f.server.activeThreads() + "; calls sent "
                    + sent.get() + "; " + tally);
            }
            System.out.println("ClientStressTest " + dispatch + "/" + completion + ": " + tally);
            assertTrue(failures.isEmpty(), () -> "seed " + SEED + ": " + failures.size() + " bad outcomes, first: "
                + failures.getFirst());
            assertEquals(0, duplicates.get(), "seed " + SEED + ": no call has two outcomes");
            for (int id = 0; id < total; id++) {
                assertTrue(ledger.get(id) != 0, "seed " + SEED + ": call " + id + " has no outcome");
            }
            f.awaitAllSlotsFree();
            final long idle = System.nanoTime() + LIVENESS.toNanos();
            while (f.server.inFlight() != 0 && System.nanoTime() - idle < 0) {
                Thread.sleep(1);
            }
            assertEquals(sent.get(), f.server.completedCalls() + f.server.rejectedEntries(),
                "seed " + SEED + ": the server answered every CALL sent exactly once");
            assertEquals(0, f.client.strayCompletions(), "seed " + SEED + ": no completion without its call");
        }
    }

    /** Makes one call of the given kind and returns its outcome; throws if the outcome is not one it allows. */
    private static Outcome call(final RingClient client, final int handle, final int id, final Kind kind,
                                final SplittableRandom random, final int cancelledSleepMillis, final AtomicLong sent) {
        switch (kind) {
            case ECHO -> {
                try (Call call = client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                    final Probe.EchoParams.Builder p = call.initParams(Probe.EchoParams.factory);
                    p.setValue(id * 31L);
                    p.setText("echo-" + id);
                    sent.incrementAndGet();
                    call.invoke();
                    final Probe.EchoResults.Reader r = call.result(Probe.EchoResults.factory);
                    check(r.getValue() == id * 31L && r.getText().toString().equals("echo-" + id),
                        "echo of call " + id + " came back as " + r.getValue() + "/" + r.getText());
                    return Outcome.OK;
                }
            }
            case FAIL -> {
                final int code = 1 + random.nextInt(1000);
                try (Call call = client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_FAIL)) {
                    final Probe.FailParams.Builder p = call.initParams(Probe.FailParams.factory);
                    p.setCode(code);
                    p.setMessage("fail-" + id);
                    sent.incrementAndGet();
                    try {
                        call.invoke();
                    } catch (final CapException e) {
                        check(e.status() == code && e.detail().equals("fail-" + id) && e.dispatched(),
                            "call " + id + " failed with " + e + " instead of " + code);
                        return Outcome.APPLICATION_ERROR;
                    }
                    throw new AssertionError("failing call " + id + " succeeded");
                }
            }
            case SLEEP_WITH_DEADLINE -> {
                final long deadline = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(random.nextInt(6_000));
                final Call call;
                try {
                    call = client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_SLEEP, deadline);
                } catch (final TransportException.DeadlineExceeded e) {
                    check(!e.dispatched(), "no slot in time is not dispatched");
                    return Outcome.DEADLINE_EXCEEDED;
                }
                try (call) {
                    call.initParams(Probe.SleepParams.factory).setMillis(random.nextInt(4));
                    sent.incrementAndGet();
                    call.invoke();
                    check(call.result(Probe.SleepResults.factory).getSlept(), "slept");
                    return Outcome.OK;
                } catch (final TransportException.DeadlineExceeded e) {
                    return Outcome.DEADLINE_EXCEEDED;
                }
            }
            case CANCEL -> {
                try (Call call = client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_SLEEP)) {
                    call.initParams(Probe.SleepParams.factory).setMillis(cancelledSleepMillis);
                    sent.incrementAndGet();
                    call.send();
                    call.cancel();
                    try {
                        call.await();
                    } catch (final TransportException.Cancelled e) {
                        return Outcome.CANCELLED;
                    }
                    check(cancelledSleepMillis < 1000, "a cancelled minute-long sleep completed");
                    return Outcome.OK;
                }
            }
            case CLOSE_WITHOUT_AWAIT -> {
                try (Call call = client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_ECHO)) {
                    call.initParams(Probe.EchoParams.factory).setValue(id);
                    sent.incrementAndGet();
                    call.send();
                    return Outcome.ABANDONED;
                }
            }
            case CANCEL_THEN_CLOSE -> {
                try (Call call = client.newCall(handle, Probe.TYPE_ID, Probe.METHOD_SLEEP)) {
                    call.initParams(Probe.SleepParams.factory).setMillis(cancelledSleepMillis);
                    sent.incrementAndGet();
                    call.send();
                    call.cancel();
                    return Outcome.ABANDONED;
                }
            }
            default -> throw new AssertionError(kind);
        }
    }

    private static void check(final boolean condition, final String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
