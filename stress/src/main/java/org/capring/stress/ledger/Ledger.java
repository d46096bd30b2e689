package org.capring.stress.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import org.capring.ring.call.Status;
import org.capring.stress.load.Schedule;

/**
 * The per-call ledger of one run: every intended call (an id in {@code [0, capacity)}) gets exactly one terminal
 * {@link Outcome}, and the server side records every execution of its handler. The conservation laws are checked
 * live, on the thread that records, and once more over every id at the end ({@link #finish}):
 * <ul>
 *   <li>no outcome is recorded twice ({@link BreachKind#DUPLICATE_OUTCOME});</li>
 *   <li>no call is executed twice ({@link BreachKind#DUPLICATE_EXECUTION}), and none that was never issued
 *       ({@link BreachKind#PHANTOM_EXECUTION});</li>
 *   <li>a refused call was never executed, before its refusal or after it ({@link BreachKind#REFUSED_BUT_EXECUTED});</li>
 *   <li>a completed call, and one that failed after dispatch, was executed exactly once
 *       ({@link BreachKind#COMPLETED_NOT_EXECUTED_ONCE});</li>
 *   <li>every issued call has an outcome by its loss deadline ({@link #checkOverdue}) and at the end
 *       ({@link BreachKind#LOST}).</li>
 * </ul>
 *
 * <p><b>Protocol.</b> Per id, one state byte moves {@code NOT_ISSUED → IN_FLIGHT → outcome} (or {@code → lost}, set
 * by the live loss check) by compare-and-set only, so a second outcome cannot overwrite the first and a call is
 * never both lost and answered. An execution is counted with an atomic add on the id's
 * execution byte and then compares the state; an outcome is set by CAS and then reads the execution count. For a
 * completed call the handler's count happens before its answer is posted, which happens before the caller reads it,
 * so the caller's check sees the count. For a refusal the two orders race, and both sides check: whichever comes
 * second sees the other and reports. Preallocated arrays indexed by id, no boxing, no locks: a caller's outcome costs its state CAS, one
 * outcome counter and one read of the execution count; a handler's execution one atomic add and one read.
 *
 * <p><b>Threads.</b> Thread-safe. {@link #issue} is called by the generator (once per id), {@link #executed} by
 * handlers, {@link #record} by callers, {@link #checkOverdue} by one checker thread, {@link #finish} once, after
 * every caller has ended.
 */
public final class Ledger {
    private static final VarHandle BYTES = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final byte NOT_ISSUED = 0;
    private static final byte IN_FLIGHT = 1;
    /** Declared lost by the live check: an outcome that comes later is late and changes nothing. */
    private static final byte LOST = Byte.MAX_VALUE;
    /** Status counters cover transport statuses down to this one and application codes up to {@link #MAX_APP}. */
    private static final int MIN_STATUS = -32;
    private static final int MAX_APP = 31;

    private final int capacity;
    private final byte[] state;
    private final byte[] executions;
    /** The status each outcome carried; written before the state CAS that publishes it. */
    private final short[] status;
    private final AtomicLongArray outcomes = new AtomicLongArray(Outcome.values().length);
    private final BreachLog breaches;
    private final java.util.concurrent.atomic.AtomicLong duplicateOutcomes = new java.util.concurrent.atomic.AtomicLong();
    /** Outcomes that came after the books were closed (of calls already counted lost). */
    private final java.util.concurrent.atomic.AtomicLong lateOutcomes = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;
    /** Oldest id that may still be in flight; advanced by the overdue checker only. */
    private long overdueCursor;

    /**
     * @param capacity number of intended calls (ids 0 .. capacity-1)
     * @param breaches where breaches go
     * @throws IllegalArgumentException if capacity is negative or too large for an array
     */
    public Ledger(final int capacity, final BreachLog breaches) {
        if (capacity < 0 || capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("capacity out of range: " + capacity);
        }
        this.capacity = capacity;
        this.state = new byte[capacity];
        this.executions = new byte[capacity];
        this.status = new short[capacity];
        this.breaches = java.util.Objects.requireNonNull(breaches, "breaches");
    }

    /**
     * Marks a call issued (its caller is about to start). Generator thread, once per id, in id order.
     *
     * @param id the call
     */
    public void issue(final long id) {
        final int i = (int) id;
        // CAS: an execution reported before the issue (a phantom) leaves the state alone and was reported already.
        if (!BYTES.compareAndSet(state, i, NOT_ISSUED, IN_FLIGHT)) {
            breaches.report(BreachKind.DUPLICATE_OUTCOME, id, "issued twice (state " + describe(state(i)) + ")");
        }
    }

    /**
     * Counts one execution of the handler of call {@code id}. Called by the server side, before its answer.
     *
     * @param id the call, as the handler read it from its params
     */
    public void executed(final long id) {
        if (id < 0 || id >= capacity) {
            breaches.report(BreachKind.PHANTOM_EXECUTION, id, "executed an id outside the schedule [0, " + capacity + ")");
            return;
        }
        final int i = (int) id;
        // Atomic add: orders this count before the handler's answer, so its caller's check sees it.
        final int count = (byte) BYTES.getAndAdd(executions, i, (byte) 1) + 1;
        if (count > 1) {
            breaches.report(BreachKind.DUPLICATE_EXECUTION, id, "handler executed it " + count + " times");
        }
        final int s = (byte) BYTES.getVolatile(state, i);
        if (s == NOT_ISSUED) {
            breaches.report(BreachKind.PHANTOM_EXECUTION, id, "executed before it was issued");
        } else if (s == Outcome.REFUSED.code()) {
            breaches.report(BreachKind.REFUSED_BUT_EXECUTED, id, "executed after its refusal ("
                + Status.name(status[i]) + ")");
        }
    }

    /**
     * Records a call's terminal outcome and checks it against the executions seen so far.
     *
     * @param id      the call
     * @param outcome its outcome
     * @param code    the status it carried ({@link Status#OK} for a completion)
     * @return true if this was the call's first outcome
     */
    public boolean record(final long id, final Outcome outcome, final int code) {
        if (closed) {
            lateOutcomes.incrementAndGet();
            return false;
        }
        final int i = (int) id;
        if (state(i) == IN_FLIGHT) {
            status[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, code));
        }
        // CAS: publishes the status with the outcome; fails if the call already had one.
        if (!BYTES.compareAndSet(state, i, IN_FLIGHT, (byte) outcome.code())) {
            final int s = state(i);
            if (s == LOST) {
                // Answered after its loss deadline: it stays lost (one verdict per call), counted as late.
                lateOutcomes.incrementAndGet();
                return false;
            }
            duplicateOutcomes.incrementAndGet();
            breaches.report(BreachKind.DUPLICATE_OUTCOME, id, "second outcome " + outcome.label() + " ("
                + Status.name(code) + ") after " + describe(s));
            return false;
        }
        outcomes.incrementAndGet(outcome.ordinal());
        checkExecutions(i, outcome, (byte) BYTES.getVolatile(executions, i));
        return true;
    }

    private void checkExecutions(final int i, final Outcome outcome, final int count) {
        switch (outcome) {
            case REFUSED -> {
                if (count != 0) {
                    breaches.report(BreachKind.REFUSED_BUT_EXECUTED, i, "refused with " + Status.name(status[i])
                        + " but executed " + count + " time(s)");
                }
            }
            case COMPLETED, FAILED -> {
                if (count != 1) {
                    breaches.report(BreachKind.COMPLETED_NOT_EXECUTED_ONCE, i, outcome.label() + " ("
                        + Status.name(status[i]) + ") but executed " + count + " time(s)");
                }
            }
            case INDETERMINATE -> {
                if (count > 1) {
                    breaches.report(BreachKind.DUPLICATE_EXECUTION, i, "indeterminate, executed " + count + " times");
                }
            }
        }
    }

    /**
     * Reports every issued call that is still in flight although its intended start is more than
     * {@code lossTimeoutNanos} ago. One checker thread; cheap: it starts from the oldest call that was still in
     * flight the last time.
     *
     * @param schedule         the intended starts
     * @param originNanos      the schedule's origin on the {@link System#nanoTime()} clock
     * @param issuedBelow      ids below this have been issued
     * @param nowNanos         now
     * @param lossTimeoutNanos how long a call may go without an outcome
     * @return calls reported lost by this check
     */
    public int checkOverdue(final Schedule schedule, final long originNanos, final long issuedBelow,
                            final long nowNanos, final long lossTimeoutNanos) {
        long id = overdueCursor;
        int lost = 0;
        long age;
        while (id < issuedBelow
            && (age = nowNanos - originNanos - schedule.intendedNanos((int) id)) > lossTimeoutNanos) {
            // CAS: the verdict is final, so a late answer cannot also count the call completed.
            if (BYTES.compareAndSet(state, (int) id, IN_FLIGHT, LOST)) {
                breaches.report(BreachKind.LOST, id, "no outcome " + age / 1_000_000
                    + " ms after its intended start (loss timeout " + lossTimeoutNanos / 1_000_000 + " ms)");
                lost++;
            }
            id++;
        }
        overdueCursor = id;
        return lost;
    }

    /**
     * Closes the books before the teardown interrupts callers that are still waiting: outcomes recorded from now on
     * (an interrupted call reports itself cancelled) are counted as late and change nothing, so the calls stay lost.
     */
    public void closeBooks() {
        // Volatile store: every record from now on sees the books closed.
        closed = true;
    }

    /** @return outcomes of calls already lost: declared lost by the live check, or after {@link #closeBooks()} */
    public long lateOutcomes() {
        return lateOutcomes.get();
    }

    /**
     * The end-of-run check over every id: issued calls without an outcome are lost, and the execution rules are
     * checked once more (an execution may have come after its call's outcome). Call once every caller has ended.
     *
     * @param issuedBelow ids below this were issued
     * @return the final tally
     */
    public Tally finish(final long issuedBelow) {
        long lost = 0;
        long executedTwice = 0;
        long refusedExecuted = 0;
        long notExecutedOnce = 0;
        for (int i = 0; i < issuedBelow; i++) {
            final int s = state(i);
            final int count = (byte) BYTES.getVolatile(executions, i);
            if (count > 1) {
                executedTwice++;
            }
            if (s == LOST) {
                lost++; // reported when it was declared lost
            } else if (s == IN_FLIGHT) {
                lost++;
                breaches.report(BreachKind.LOST, i, "no outcome when the run ended (executed " + count + " time(s))");
            } else if (s == Outcome.REFUSED.code() && count != 0) {
                refusedExecuted++;
            } else if ((s == Outcome.COMPLETED.code() || s == Outcome.FAILED.code()) && count != 1) {
                notExecutedOnce++;
            }
        }
        // Every execution rule was checked live by whichever side came second; these counts only tally them.
        final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (final Outcome outcome : Outcome.values()) {
            counts.put(outcome, outcomes.get(outcome.ordinal()));
        }
        return new Tally(issuedBelow, counts, statusCounts(), lost, executedTwice + duplicateOutcomes.get(),
            refusedExecuted, notExecutedOnce);
    }

    /** @return outcome counts so far (a snapshot, for progress lines) */
    public long[] outcomeCounts() {
        final long[] counts = new long[Outcome.values().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = outcomes.get(i);
        }
        return counts;
    }

    /**
     * @return recorded outcomes by status name, for refusal and error tables: read from each call's status, which
     *     its outcome published (a scan of every id, so no counter on the callers' path; call it at the end)
     */
    public Map<String, Long> statusCounts() {
        // Index status - MIN_STATUS; the last cell counts statuses out of range.
        final long[] byStatus = new long[MAX_APP - MIN_STATUS + 2];
        for (int i = 0; i < capacity; i++) {
            if (state(i) >= Outcome.FIRST_CODE) {
                byStatus[statusIndex(status[i])]++;
            }
        }
        final Map<String, Long> counts = new java.util.TreeMap<>();
        for (int i = 0; i < byStatus.length; i++) {
            if (byStatus[i] > 0) {
                counts.put(i == byStatus.length - 1 ? "OTHER" : Status.name(i + MIN_STATUS), byStatus[i]);
            }
        }
        return counts;
    }

    /**
     * @param id a call
     * @return its outcome, or null if it has none (yet)
     */
    public Outcome outcome(final long id) {
        final int s = state((int) id);
        return s >= Outcome.FIRST_CODE ? Outcome.ofCode(s) : null;
    }

    private int state(final int i) {
        return (byte) BYTES.getVolatile(state, i);
    }

    private static int statusIndex(final int code) {
        return code < MIN_STATUS || code > MAX_APP ? MAX_APP - MIN_STATUS + 1 : code - MIN_STATUS;
    }

    private static String describe(final int s) {
        return switch (s) {
            case NOT_ISSUED -> "not issued";
            case IN_FLIGHT -> "in flight";
            case LOST -> "lost";
            default -> Outcome.ofCode(s).label();
        };
    }

    /**
     * The ledger at the end of a run.
     *
     * @param issued     calls issued
     * @param outcomes   calls per outcome
     * @param byStatus   outcomes per status name (OK, SHUTTING_DOWN, APPLICATION(2), ...)
     * @param lost            issued calls without an outcome
     * @param duplicated      executions beyond the first, and outcomes beyond the first
     * @param refusedExecuted refused calls that were executed
     * @param notExecutedOnce calls answered after dispatch whose handler did not execute exactly once
     */
    public record Tally(long issued, Map<Outcome, Long> outcomes, Map<String, Long> byStatus, long lost,
                        long duplicated, long refusedExecuted, long notExecutedOnce) {
        /** Copies the maps. */
        public Tally {
            outcomes = Map.copyOf(outcomes);
            byStatus = Map.copyOf(byStatus);
        }

        /**
         * @param outcome an outcome
         * @return calls with it
         */
        public long count(final Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }
    }
}
