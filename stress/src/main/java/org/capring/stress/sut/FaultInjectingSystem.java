package org.capring.stress.sut;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import org.capring.ring.call.Status;
import org.capring.ring.call.TransportException;

/**
 * A system under test with one {@link Fault} injected: the mutation the ledger must catch, with the faulty call's
 * id and the right reason. Everything else passes through to the wrapped system unchanged.
 *
 * <ul>
 *   <li>{@link Fault.Kind#EXECUTE_TWICE}: the handler runs the server work of the call twice;</li>
 *   <li>{@link Fault.Kind#REFUSE_AFTER_DISPATCH}: the handler runs the work, then throws a SHUTTING_DOWN
 *       refusal that claims it was not dispatched;</li>
 *   <li>{@link Fault.Kind#DROP_COMPLETION}: the call completes, but its caller is never told: it waits until it
 *       is interrupted (by the run's teardown).</li>
 * </ul>
 *
 * <p><b>Threads.</b> As the wrapped system.
 */
public final class FaultInjectingSystem implements SystemUnderTest {
    private final SystemUnderTest system;
    private final Fault fault;

    /**
     * @param system the system to break
     * @param fault  the fault to inject
     */
    public FaultInjectingSystem(final SystemUnderTest system, final Fault fault) {
        this.system = Objects.requireNonNull(system, "system");
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    @Override
    public String name() {
        return system.name() + "+" + fault;
    }

    @Override
    public Set<Action> supports() {
        return system.supports();
    }

    @Override
    public String describe() {
        return system.describe() + "; injected fault " + fault;
    }

    @Override
    public void start(final ServerWork work) throws Exception {
        final long target = fault.id();
        final ServerWork faulty = switch (fault.kind()) {
            case EXECUTE_TWICE -> id -> {
                work.execute(id);
                if (id == target) {
                    work.execute(id);
                }
            };
            case REFUSE_AFTER_DISPATCH -> id -> {
                work.execute(id);
                if (id == target) {
                    throw TransportException.of(Status.SHUTTING_DOWN, false, false, "injected refusal after dispatch");
                }
            };
            case DROP_COMPLETION -> work;
        };
        system.start(faulty);
    }

    @Override
    public void call(final long id, final Operation op, final CallTrace trace) throws InterruptedException {
        system.call(id, op, trace);
        if (fault.kind() == Fault.Kind.DROP_COMPLETION && id == fault.id()) {
            // The answer came and is dropped here: the caller hears nothing until the teardown interrupts it.
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(this);
            }
            throw new InterruptedException("the completion of call " + id + " was dropped");
        }
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
    public RevocationReport revoke() {
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
