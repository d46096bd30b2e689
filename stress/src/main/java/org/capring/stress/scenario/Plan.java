package org.capring.stress.scenario;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import org.capring.stress.load.Schedule;
import org.capring.stress.sut.Action;

/**
 * A run fixed in advance from one seed: the load's {@link Schedule}, the events in time order, and which calls hang.
 * The seed feeds two independent streams (split from one {@link SplittableRandom}): one for the arrivals and the
 * operation mix, one for the events; so the same seed reproduces both, and changing the events does not move the
 * calls.
 *
 * <p>Events start after a warm-up (a tenth of the run, at most 1 s) and stop before an equal tail, so every run
 * has steady load on both sides of its events. Immutable.
 */
public final class Plan {
    /** Most hung calls planned before one hung drain. */
    static final int HUNG_PER_DRAIN = 2;

    private final PlanSpec spec;
    private final Schedule schedule;
    private final List<PlannedEvent> events;
    private final BitSet hung;

    private Plan(final PlanSpec spec, final Schedule schedule, final List<PlannedEvent> events, final BitSet hung) {
        this.spec = spec;
        this.schedule = schedule;
        this.events = List.copyOf(events);
        this.hung = hung;
    }

    /**
     * @param spec      what to build
     * @param supported the actions the system under test supports
     * @return the plan
     * @throws UnsupportedScenarioException if the scenario needs an action the system does not support (for
     *                                      {@link Scenario#MIXED}: if it supports none of its events)
     */
    public static Plan build(final PlanSpec spec, final Set<Action> supported) {
        Objects.requireNonNull(spec, "spec");
        final Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        final Set<EventKind> missing = EnumSet.noneOf(EventKind.class);
        for (final EventKind kind : spec.scenario().events()) {
            (supported.contains(kind.action()) ? kinds : missing).add(kind);
        }
        if (spec.scenario() == Scenario.MIXED ? kinds.isEmpty() : !missing.isEmpty()) {
            throw new UnsupportedScenarioException(spec.scenario(), missing, supported);
        }
        final SplittableRandom root = new SplittableRandom(spec.seed());
        final SplittableRandom loadRandom = root.split();
        final SplittableRandom eventRandom = root.split();
        final long duration = spec.duration().toNanos();
        final Schedule schedule = Schedule.build(loadRandom, spec.rate(), duration, spec.arrivals());

        final List<EventKind> drawable = List.copyOf(kinds);
        final List<PlannedEvent> events = new ArrayList<>();
        final BitSet hung = new BitSet();
        final long margin = warmupNanos(duration);
        final long gapMin = spec.gapMin().toNanos();
        final long gapMax = spec.gapMax().toNanos();
        long t = margin + between(eventRandom, 0, gapMax);
        while (!drawable.isEmpty() && t < duration - margin) {
            final EventKind kind = drawable.get(eventRandom.nextInt(drawable.size()));
            final long length = kind == EventKind.PAUSE_REAPING
                ? between(eventRandom, spec.pauseMin().toNanos(), spec.pauseMax().toNanos()) : 0;
            events.add(new PlannedEvent(events.size(), kind, t, length));
            if (kind == EventKind.HUNG_DRAIN) {
                final long lead = spec.hungLead().toNanos();
                final int from = schedule.firstAtOrAfter(Math.max(0, t - lead));
                final int to = schedule.firstAtOrAfter(Math.max(0, t - lead / 2));
                for (int id = from; id < to && id < from + HUNG_PER_DRAIN; id++) {
                    hung.set(id);
                }
            }
            t += length + between(eventRandom, gapMin, gapMax);
        }
        return new Plan(spec, schedule, events, hung);
    }

    /**
     * @param durationNanos a run's load duration
     * @return its warm-up: the first second, or a tenth of a shorter run; no event is planned in it (nor in a tail as
     *     long), its calls are logged as {@code warmup}, and the generator's lag bound is judged after it
     */
    public static long warmupNanos(final long durationNanos) {
        return Math.min(1_000_000_000L, durationNanos / 10);
    }

    private static long between(final SplittableRandom random, final long min, final long max) {
        return min == max ? min : random.nextLong(min, max + 1);
    }

    /** @return what it was built from */
    public PlanSpec spec() {
        return spec;
    }

    /** @return the load */
    public Schedule schedule() {
        return schedule;
    }

    /** @return the events, in time order */
    public List<PlannedEvent> events() {
        return events;
    }

    /**
     * @param id a call
     * @return true if its handler is to hang until it is cancelled
     */
    public boolean hung(final long id) {
        return hung.get((int) id);
    }

    /** @return how many calls hang */
    public int hungCount() {
        return hung.cardinality();
    }

    /**
     * @param other another plan
     * @return true if both schedule the same calls, events and hung calls
     */
    public boolean samePlan(final Plan other) {
        return schedule.sameCalls(other.schedule) && events.equals(other.events) && hung.equals(other.hung);
    }
}
