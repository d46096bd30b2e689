package org.capring.stress.scenario;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The named scenarios of {@code ./capring stress}: which events the seed schedules under the load, and what each
 * promises beyond the ledger's laws.
 */
public enum Scenario {
    /** Load alone. */
    STEADY(EnumSet.noneOf(EventKind.class)),
    /** Drains at seeded random times under load, each followed by a restart. */
    DRAIN(EnumSet.of(EventKind.DRAIN)),
    /** Repeated live handoffs under load: the binding is retargeted, never closed, so nothing is ever refused. */
    HANDOFF(EnumSet.of(EventKind.HANDOFF)),
    /** Handoffs whose new instance fails its start: the old keeps serving, so nothing is ever refused. */
    CRASH_BEFORE_READY(EnumSet.of(EventKind.FAILED_HANDOFF)),
    /** Drains while hung calls are in flight: they outlive the grace and are cancelled; nothing else is disturbed. */
    HUNG_HANDLER(EnumSet.of(EventKind.HUNG_DRAIN)),
    /** The Echo capability revoked under load: INVALID_HANDLE only for calls submitted after the revocation. */
    REVOKE(EnumSet.of(EventKind.REVOKE)),
    /** The client stops reaping for a while: backpressure, no loss. */
    SLOW_CONSUMER(EnumSet.of(EventKind.PAUSE_REAPING)),
    /** All of the events, drawn at random from the seed. */
    MIXED(EnumSet.allOf(EventKind.class));

    private final EnumSet<EventKind> events;

    Scenario(final EnumSet<EventKind> events) {
        this.events = events;
    }

    /** @return the events it draws from */
    public Set<EventKind> events() {
        return EnumSet.copyOf(events);
    }

    /**
     * @return true if nothing may be refused while it runs: the service never stops serving (a handoff retargets it
     *     to a new instance, a failed handoff leaves the old one serving)
     */
    public boolean refusalsForbidden() {
        return this == HANDOFF || this == CRASH_BEFORE_READY;
    }

    /** @return true if only the hung calls may end indeterminate */
    public boolean onlyHungIndeterminate() {
        return this == HUNG_HANDLER;
    }

    /** @return the name on the command line, e.g. {@code crash-before-ready} */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name a name as {@link #flagName()} spells it
     * @return the scenario, if there is one of that name
     */
    public static Optional<Scenario> byFlagName(final String name) {
        for (final Scenario scenario : values()) {
            if (scenario.flagName().equals(name)) {
                return Optional.of(scenario);
            }
        }
        return Optional.empty();
    }

    /** @return every scenario's command-line name */
    public static List<String> flagNames() {
        return java.util.Arrays.stream(values()).map(Scenario::flagName).toList();
    }
}
