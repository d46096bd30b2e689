package org.capring.stress.scenario;

import java.util.Locale;

import org.capring.stress.latency.Window;
import org.capring.stress.sut.Action;

/** The events a scenario schedules, each performed through one {@link Action} of the system under test. */
public enum EventKind {
    /** Drain under load, then serve again. */
    DRAIN(Action.DRAIN, Window.DRAINING),
    /** A drain while a hung call is in flight: the hung call outlives the grace and is cancelled. */
    HUNG_DRAIN(Action.DRAIN, Window.DRAINING),
    /** A live handoff. */
    HANDOFF(Action.HANDOFF, Window.HANDOFF),
    /** A handoff whose new instance fails its start. */
    FAILED_HANDOFF(Action.FAILED_HANDOFF, Window.HANDOFF),
    /** Revoke the Echo handle, grant a fresh one. */
    REVOKE(Action.REVOKE, Window.FAULT),
    /** The client stops reaping for a while. */
    PAUSE_REAPING(Action.PAUSE_REAPING, Window.FAULT);

    private final Action action;
    private final Window window;

    EventKind(final Action action, final Window window) {
        this.action = action;
        this.window = window;
    }

    /** @return the action it needs */
    public Action action() {
        return action;
    }

    /** @return the lifecycle window calls intended while it runs belong to */
    public Window window() {
        return window;
    }

    /** @return its name in reports, e.g. {@code hung-drain} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
