package org.capring.service;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.capring.service.metrics.ServiceMetrics;
import org.jetbrains.lincheck.datastructures.Validate;

/**
 * The model {@link BindingLincheckTest} checks: a real {@link Binding} serving a first {@link Target}, calls that are
 * admitted (recording which target served them) or refused, a retarget to a second target, and the service's drain.
 * {@link #check()} throws when an interleaving broke the protocol. Lincheck makes a fresh instance per interleaving.
 */
public class BindingModel {
    final ServiceCalls calls = new ServiceCalls("lincheck", MethodTable.of("m"), Phases.none(),
        ServiceConfig.defaults(), new ServiceMetrics("lincheck", List.of("m")));
    final Binding binding = new Binding(calls, 1L);
    final Target first = new Target(calls, 1, List.of());
    final Target second = new Target(calls, 2, List.of());
    final AtomicInteger made = new AtomicInteger();
    final AtomicInteger served = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger violations = new AtomicInteger();
    volatile boolean drainBegun;
    volatile boolean firstSeenIdle;

    /** The binding serves {@link #first}. */
    public BindingModel() {
        binding.retarget(first);
    }

    /** @return the target admitted, or null if refused; the protocol under test */
    Target admit() {
        return binding.admit();
    }

    public void call() {
        made.incrementAndGet();
        final Target target = admit();
        if (target == null) {
            refused.incrementAndGet();
            if (!drainBegun) {
                violations.incrementAndGet(); // refused although the service was not draining
            }
            return;
        }
        if (target == first && firstSeenIdle) {
            violations.incrementAndGet(); // served by the old target after its drain had ended
        }
        served.incrementAndGet();
        target.gate().exit();
    }

    public void handoff() {
        binding.retarget(second);
        if (first.gate().isIdle()) {
            firstSeenIdle = true;
        }
    }

    public void drain() {
        drainBegun = true;
        binding.closeForDrain();
    }

    @Validate
    public void check() {
        if (violations.get() != 0) {
            throw new IllegalStateException(violations.get() + " calls broke the protocol");
        }
        if (served.get() + refused.get() != made.get()) {
            throw new IllegalStateException("a call was lost or counted twice: " + served + " + " + refused + " != "
                + made);
        }
        if (first.gate().inFlight() != 0 || second.gate().inFlight() != 0) {
            throw new IllegalStateException("a call still counted in flight");
        }
    }

    /** Non-blocking stand-ins for the operations; results are not compared. */
    public static class Spec {
        public void call() {
        }

        public void handoff() {
        }

        public void drain() {
        }

        public void check() {
        }
    }

    /** The wrong protocol: a caller that finds the gate closed refuses at once, without reading the target again. */
    public static class NoReread extends BindingModel {
        @Override
        Target admit() {
            final Target target = binding.current();
            return target.gate().tryEnter() ? target : null;
        }
    }
}
