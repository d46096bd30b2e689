package org.capring.stress.sut;

import java.util.Objects;
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
public final class FaultInjectingSystem extends ForwardingSystem {
    private final Fault fault;

    /**
     * @param system the system to break
     * @param fault  the fault to inject
     */
    public FaultInjectingSystem(final SystemUnderTest system, final Fault fault) {
        super(system);
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    @Override
    public String name() {
        return delegate().name() + "+" + fault;
    }

    @Override
    public String describe() {
        return delegate().describe() + "; injected fault " + fault;
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
        delegate().start(faulty);
    }

    @Override
    public void call(final long id, final Operation op, final CallTrace trace) throws InterruptedException {
        delegate().call(id, op, trace);
        if (fault.kind() == Fault.Kind.DROP_COMPLETION && id == fault.id()) {
            // The answer came and is dropped here: the caller hears nothing until the teardown interrupts it.
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(this);
            }
            throw new InterruptedException("the completion of call " + id + " was dropped");
        }
    }
}
