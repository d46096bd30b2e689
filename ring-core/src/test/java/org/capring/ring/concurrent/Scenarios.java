package org.capring.ring.concurrent;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * Exhaustive-style model checking of a handshake protocol with Lincheck: a fixed scenario (each thread runs
 * given operations of the test class, then one validation runs), explored over many interleavings. A protocol
 * whose operations may block (park until signalled) cannot have a sequential specification that runs them one
 * after another, so the results are not compared with one; instead Lincheck reports every interleaving that
 * hangs (a lost wake-up: a thread parked for good) and every one after which the validation throws (a broken
 * invariant), each with the schedule that led to it. Lincheck normally lets any park return spuriously, which
 * would hide a lost wake-up (the parked thread wakes anyway and finds its work); parks in {@link Doorbell#park}
 * and in {@link #park(Object)} (for models of other protocols) are exempt, so a thread parked for good stays
 * parked.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /**
     * A park that the model checker never ends spuriously: for models of park/unpark protocols.
     *
     * @param blocker the parking object
     */
    public static void park(final Object blocker) {
        java.util.concurrent.locks.LockSupport.park(blocker);
    }

    /**
     * @param test   the test class whose public method to call
     * @param method a public no-argument method of it
     * @return the actor that calls it
     */
    public static Actor actor(final Class<?> test, final String method) {
        try {
            final Method m = test.getMethod(method);
            return new Actor(m, List.of(), false, false, false, false, false);
        } catch (final NoSuchMethodException e) {
            throw new IllegalArgumentException(test.getName() + " has no public method " + method + "()", e);
        }
    }

    /**
     * Model-checks one scenario: {@code threads[i]} lists the operations thread i runs in order; then
     * {@code validation} runs on the finished state.
     *
     * @param test          the test class (a fresh instance per interleaving)
     * @param specification a class with the same operations that never block (results are not compared)
     * @param invocations   interleavings to explore
     * @param validation    a public no-argument method that throws when an invariant is broken
     * @param threads       per thread, the names of the operations it runs
     */
    public static void modelCheck(final Class<?> test, final Class<?> specification, final int invocations,
                                  final String validation, final String[]... threads) {
        final List<List<Actor>> parallel = new ArrayList<>();
        for (final String[] thread : threads) {
            final List<Actor> actors = new ArrayList<>();
            for (final String operation : thread) {
                actors.add(actor(test, operation));
            }
            parallel.add(actors);
        }
        new ModelCheckingOptions().iterations(0).invocationsPerIteration(invocations)
            // Parks inside these methods are not woken spuriously by the model checker, so that a lost wake-up
            // shows as a hang instead of being papered over by an invented one.
            .addGuarantee(forClasses(Doorbell.class.getName(), Scenarios.class.getName()).methods("park")
                .mute$lincheck())
            .addCustomScenario(new ExecutionScenario(List.of(), parallel, List.of(), actor(test, validation)))
            .sequentialSpecification(specification)
            .check(test);
    }
}
