package org.capring.stress.sut;

/** The scenario actions a {@link SystemUnderTest} may support ({@link SystemUnderTest#supports()}). */
public enum Action {
    /** Drain the serving instance (refuse new calls, finish or cancel those in flight), then serve again. */
    DRAIN,
    /** A live handoff: start a new instance, retarget once it is READY, drain and stop the old one. */
    HANDOFF,
    /** A handoff whose new instance fails its start: the old instance must keep serving, untouched. */
    FAILED_HANDOFF,
    /** Revoke the Echo capability the load calls, then grant a fresh handle to it. */
    REVOKE,
    /** The client stops reaping completions for a while, then resumes. */
    PAUSE_REAPING
}
