package org.capring.ring.concurrent;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lifecycle as an explicit state machine (Guava's {@code AbstractService} contract): a fixed table of allowed
 * transitions, each transition taken at most once by one thread (a compare-and-set from the state it leaves),
 * every transition told to every listener and logged, terminal states that never change again, and a failure
 * cause kept by the state that carries it.
 *
 * {@snippet :
 * enum Phase { NEW, RUNNING, STOPPED, FAILED }
 * StateMachine<Phase> life = StateMachine.builder("worker", Phase.NEW)
 *     .allow(Phase.NEW, Phase.RUNNING, Phase.FAILED)
 *     .allow(Phase.RUNNING, Phase.STOPPED, Phase.FAILED)
 *     .build();
 * if (life.transition(Phase.NEW, Phase.RUNNING)) { ... }   // false if another thread moved it first
 * }
 *
 * <p><b>Threads.</b> Thread-safe. Transitions serialize on one lock that is held only to change the state, never
 * while a listener runs. Listeners run after the change, in registration order, and see every transition in the
 * order it happened, one transition at a time: on the thread that made it, or on a thread that is still telling
 * an earlier one (then the transitioning thread returns without waiting for its listeners). A listener that throws is logged and does not stop the others.
 * Waiting ({@link #awaitAny}) parks on a condition of that lock; it never pins a virtual thread's carrier.
 *
 * @param <S> the state enum
 */
public final class StateMachine<S extends Enum<S>> {
    private static final System.Logger LOG = System.getLogger(StateMachine.class.getName());

    /**
     * Told of every transition, after it happened.
     *
     * @param <S> the state enum
     */
    @FunctionalInterface
    public interface Listener<S extends Enum<S>> {
        /**
         * @param from  the state left
         * @param to    the state entered
         * @param cause the failure that caused it, or null
         */
        void transitioned(S from, S to, Throwable cause);
    }

    private final String name;
    private final Map<S, Set<S>> allowed;
    private final List<Listener<S>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Transitions not yet told to listeners, in order; guarded by {@link #lock}. */
    private final ArrayDeque<Change<S>> untold = new ArrayDeque<>();
    private boolean telling;
    private volatile S state;
    private volatile Throwable cause;

    private StateMachine(final String name, final S initial, final Map<S, Set<S>> allowed) {
        this.name = name;
        this.state = initial;
        this.allowed = allowed;
    }

    /**
     * @param name    what the machine belongs to, for logs and errors
     * @param initial the state it starts in
     * @param <S>     the state enum
     * @return a builder to declare the allowed transitions on
     */
    public static <S extends Enum<S>> Builder<S> builder(final String name, final S initial) {
        return new Builder<>(name, initial);
    }

    /**
     * Declares the transitions of a {@link StateMachine}. A state with no transitions out is terminal.
     *
     * @param <S> the state enum
     */
    public static final class Builder<S extends Enum<S>> {
        private final String name;
        private final S initial;
        private final EnumMap<S, Set<S>> allowed;

        private Builder(final String name, final S initial) {
            this.name = Objects.requireNonNull(name, "name");
            this.initial = Objects.requireNonNull(initial, "initial");
            this.allowed = new EnumMap<>(initial.getDeclaringClass());
        }

        /**
         * @param from the state left
         * @param to   states it may go to
         * @return this
         * @throws IllegalArgumentException if a transition goes from a state to itself
         */
        @SafeVarargs
        public final Builder<S> allow(final S from, final S... to) {
            final EnumSet<S> targets = EnumSet.noneOf(from.getDeclaringClass());
            for (final S next : to) {
                if (next == from) {
                    throw new IllegalArgumentException(name + ": a transition must change the state: " + from);
                }
                targets.add(next);
            }
            allowed.merge(from, targets, (a, b) -> {
                final EnumSet<S> both = EnumSet.copyOf(a);
                both.addAll(b);
                return both;
            });
            return this;
        }

        /** @return the machine, in its initial state */
        public StateMachine<S> build() {
            final EnumMap<S, Set<S>> copy = new EnumMap<>(initial.getDeclaringClass());
            allowed.forEach((from, to) -> copy.put(from, Set.copyOf(to)));
            return new StateMachine<>(name, initial, copy);
        }
    }

    /** @return the current state (a snapshot) */
    public S state() {
        return state;
    }

    /** @return the failure that moved the machine to its current state, or null */
    public Throwable cause() {
        return cause;
    }

    /** @return what the machine belongs to */
    public String name() {
        return name;
    }

    /**
     * @param state a state
     * @return true if no transition leaves it
     */
    public boolean isTerminal(final S state) {
        return allowed.getOrDefault(state, Set.of()).isEmpty();
    }

    /**
     * Adds a listener for the transitions from now on.
     *
     * @param listener told of every later transition
     */
    public void addListener(final Listener<S> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Moves from {@code from} to {@code to} if the machine is in {@code from}.
     *
     * @param from the state the caller believes the machine is in
     * @param to   the state to enter
     * @return true if this call made the transition; false if the machine was not in {@code from}
     * @throws IllegalArgumentException if the table does not allow {@code from -> to}
     */
    public boolean transition(final S from, final S to) {
        return transition(from, to, null);
    }

    /**
     * Moves from {@code from} to {@code to}, recording the failure that caused it, if the machine is in
     * {@code from}.
     *
     * @param from  the state the caller believes the machine is in
     * @param to    the state to enter
     * @param cause the failure, kept by {@link #cause()}; may be null
     * @return true if this call made the transition
     * @throws IllegalArgumentException if the table does not allow {@code from -> to}
     */
    public boolean transition(final S from, final S to, final Throwable cause) {
        if (!allowed.getOrDefault(from, Set.of()).contains(to)) {
            throw new IllegalArgumentException(name + ": no transition " + from + " -> " + to);
        }
        lock.lock();
        try {
            if (state != from) {
                return false;
            }
            this.cause = cause;
            state = to;
            untold.add(new Change<>(from, to, cause));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        tell();
        return true;
    }

    /**
     * Moves from whatever state the machine is in to {@code to}, if the table allows it from there.
     *
     * @param to    the state to enter
     * @param cause the failure, or null
     * @return the state left, or null if the machine was in a state that cannot go to {@code to}
     */
    public S transitionFromAny(final S to, final Throwable cause) {
        while (true) {
            final S from = state;
            if (!allowed.getOrDefault(from, Set.of()).contains(to)) {
                return null;
            }
            if (transition(from, to, cause)) {
                return from;
            }
        }
    }

    private record Change<S>(S from, S to, Throwable cause) {
    }

    /** Tells listeners every untold transition, in order, on one thread at a time. */
    private void tell() {
        while (true) {
            final Change<S> next;
            lock.lock();
            try {
                if (telling || untold.isEmpty()) {
                    return;
                }
                telling = true;
                next = untold.poll();
            } finally {
                lock.unlock();
            }
            try {
                final S from = next.from();
                final S to = next.to();
                final Throwable failure = next.cause();
                LOG.log(failure == null ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    () -> name + ": " + from + " -> " + to + (failure == null ? "" : " (" + failure + ")"));
                for (final Listener<S> listener : listeners) {
                    try {
                        listener.transitioned(from, to, failure);
                    } catch (final RuntimeException | Error e) {
                        LOG.log(System.Logger.Level.ERROR, name + ": a lifecycle listener failed on " + from + " -> "
                            + to, e);
                    }
                }
            } finally {
                lock.lock();
                try {
                    telling = false;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Waits until the machine is in one of {@code targets}, or the deadline passes.
     *
     * @param targets       the states to wait for
     * @param deadlineNanos absolute deadline on the {@link System#nanoTime()} clock
     * @return the state reached, or null if the deadline passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public S awaitAny(final Set<S> targets, final long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                final S now = state;
                if (targets.contains(now)) {
                    return now;
                }
                final long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return name + "[" + state + (cause == null ? "" : ", " + cause) + "]";
    }
}
