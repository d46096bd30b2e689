package org.capring.stress.scenario;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.capring.stress.sut.Action;
import org.capring.stress.sut.ActionReport;
import org.capring.stress.sut.ForwardingSystem;
import org.capring.stress.sut.RingCoreSystem;

/**
 * A test double that lets the harness's handoff paths run before a service container exists: on plain ring-core a
 * "handoff" is a drain and restart (so calls are refused while it runs), and a failed handoff either leaves the
 * serving instance alone (as a container must) or, with {@code disturbsOnFailure}, drains it (the bug the
 * crash-before-ready scenario exists to catch). It is not a handoff and never stands in for one in results.
 */
final class HandoffDouble extends ForwardingSystem {
    private final RingCoreSystem ring;
    private final boolean disturbsOnFailure;

    HandoffDouble(final boolean disturbsOnFailure) {
        this(new RingCoreSystem(RingCoreSystem.Config.defaults()), disturbsOnFailure);
    }

    private HandoffDouble(final RingCoreSystem ring, final boolean disturbsOnFailure) {
        super(ring);
        this.ring = ring;
        this.disturbsOnFailure = disturbsOnFailure;
    }

    @Override
    public String name() {
        return "handoff-double";
    }

    @Override
    public Set<Action> supports() {
        return EnumSet.allOf(Action.class);
    }

    @Override
    public String describe() {
        return "test double: ring-core with drain-and-restart as its handoff";
    }

    @Override
    public ActionReport handoff(final boolean newInstanceFails, final Duration grace) throws InterruptedException {
        if (!newInstanceFails) {
            final ActionReport drained = ring.drainAndRestart(grace);
            return new ActionReport(Action.HANDOFF, drained.succeeded(), drained.inFlightAtStart(), drained.drained(),
                drained.cancelled(), drained.refused(), drained.stuck(), drained.detail());
        }
        if (disturbsOnFailure) {
            ring.drainAndRestart(grace);
        }
        return ActionReport.done(Action.FAILED_HANDOFF, "the new instance failed its start; the old one serves on");
    }
}
