package org.capring.stress.sut;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A system under test that forwards everything to another one; subclasses override what they change (a fault, a
 * test double's action). Thread-safety is the wrapped system's.
 */
public abstract class ForwardingSystem implements SystemUnderTest {
    private final SystemUnderTest system;

    /**
     * @param system the system to forward to
     */
    protected ForwardingSystem(final SystemUnderTest system) {
        this.system = Objects.requireNonNull(system, "system");
    }

    /** @return the system forwarded to */
    protected final SystemUnderTest delegate() {
        return system;
    }

    @Override
    public String name() {
        return system.name();
    }

    @Override
    public Set<Action> supports() {
        return system.supports();
    }

    @Override
    public String describe() {
        return system.describe();
    }

    @Override
    public void start(final ServerWork work) throws Exception {
        system.start(work);
    }

    @Override
    public void call(final long id, final Operation op, final CallTrace trace) throws InterruptedException {
        system.call(id, op, trace);
    }

    @Override
    public ActionReport drainAndRestart(final Duration grace) throws InterruptedException {
        return system.drainAndRestart(grace);
    }

    @Override
    public ActionReport handoff(final boolean newInstanceFails, final Duration grace) throws InterruptedException {
        return system.handoff(newInstanceFails, grace);
    }

    @Override
    public RevocationReport revoke() throws InterruptedException {
        return system.revoke();
    }

    @Override
    public void pauseReaping() {
        system.pauseReaping();
    }

    @Override
    public void resumeReaping() {
        system.resumeReaping();
    }

    @Override
    public Leftovers stop(final Duration grace) throws InterruptedException {
        return system.stop(grace);
    }
}
