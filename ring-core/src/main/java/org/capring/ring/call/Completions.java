package org.capring.ring.call;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.IdleStrategy;
import org.capring.ring.SpinWait;
import org.capring.ring.concurrent.VirtualThreads;

/**
 * How a {@link RingClient}'s callers wait for their completions, one implementation per {@link CompletionMode}.
 * Both drain the CQ only while holding the client's {@link ReaperRole}, so the CQ's one consumer handle is never
 * used by two threads at once.
 */
abstract sealed class Completions permits Completions.CallerReaps, Completions.ReaperThread {
    /** How long the janitor parks on the CQ before it looks again. */
    static final long JANITOR_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** What the strategies need of the client: its CQ, seen by the holder of the reaper role. */
    interface Source {
        /**
         * Drains up to a batch of CQEs, completing their calls and ringing their slots; the caller holds the role.
         *
         * @return CQEs taken
         */
        int reap();

        /**
         * Parks the role holder until a completion may have arrived (the CQ's doorbell), or the timeout.
         *
         * @param maxNanos longest park, 0 for "until woken"
         */
        void parkOnCompletions(long maxNanos);

        /** @return an idle strategy that reaps, spins within budget, then parks on the CQ (for a reaper thread) */
        IdleStrategy reaperIdle();

        /**
         * Abandons call {@code generation} of {@code slot} (and throws) if the caller was interrupted or the
         * deadline passed.
         *
         * @param slot       the awaited call's slot
         * @param generation the awaited call's generation
         * @param deadline   its deadline, 0 for none
         */
        void abandonIfDue(CallSlot slot, int generation, long deadline);

        /** @return calls abandoned whose completions have not been reaped yet */
        int abandonedCalls();
    }

    final Source client;
    final ReaperRole role;
    final VirtualThreads threads;

    Completions(final Source client, final ReaperRole role, final VirtualThreads threads) {
        this.client = client;
        this.role = role;
        this.threads = threads;
    }

    static Completions of(final Source client, final ClientConfig config, final ReaperRole role,
                          final VirtualThreads threads) {
        return config.completion() == CompletionMode.CALLER_REAPS
            ? new CallerReaps(client, config, role, threads)
            : new ReaperThread(client, role, threads);
    }

    /**
     * Waits until call {@code generation} of {@code slot} is DONE, abandoning it on interrupt or deadline (which
     * throws). Takes the slot and generation, never the {@link Call}, so that the call's handle does not escape.
     */
    abstract void await(CallSlot slot, int generation);

    /** The SQ is full: help it drain by reaping, if this mode lets a caller reap. */
    abstract void whileSqFull();

    /** A call was abandoned (sent, then given up): its completion must still be reaped to free its slot. */
    abstract void onAbandoned();

    /** Starts the mode's own threads, if any. */
    abstract void start();

    /** Parks the caller on its slot's doorbell until its call completes, the role passes to it, or the deadline. */
    final void parkOnSlot(final CallSlot slot, final int generation, final long deadline, final boolean mayReap) {
        slot.bell.arm();
        try {
            if (mayReap) {
                role.follow(slot);
            }
            // Re-check after arming: the reaper may have completed us, or left, meanwhile.
            if (slot.state(generation) == CallSlot.DONE || (mayReap && !role.isHeld())) {
                return;
            }
            // At least 1 ns: a deadline that passed since the caller's check must not become "park until woken".
            slot.bell.park(deadline == 0 ? 0 : Math.max(1, deadline - System.nanoTime()));
        } finally {
            slot.bell.disarm();
        }
    }

    /**
     * {@link CompletionMode#CALLER_REAPS}: a waiting caller takes the role and reaps for everyone until its own
     * call completes, then hands the role on; a janitor virtual thread reaps for abandoned calls when no caller
     * waits.
     */
    static final class CallerReaps extends Completions {
        /** The caller-reaper's spin; used only by the role holder, so one serves them all. */
        private final SpinWait reaperSpin;
        private final AtomicBoolean janitorRunning = new AtomicBoolean();

        CallerReaps(final Source client, final ClientConfig config, final ReaperRole role,
                    final VirtualThreads threads) {
            super(client, role, threads);
            this.reaperSpin = new SpinWait(config.spinRounds());
        }

        @Override
        void start() {
        }

        @Override
        void await(final CallSlot slot, final int generation) {
            try {
                final long deadline = slot.deadlineNanos;
                while (slot.state(generation) != CallSlot.DONE) {
                    client.abandonIfDue(slot, generation, deadline);
                    if (role.tryAcquire()) {
                        try {
                            reapUntilDone(slot, generation, deadline);
                        } finally {
                            role.release();
                        }
                    } else {
                        parkOnSlot(slot, generation, deadline, true);
                    }
                }
            } finally {
                // Whoever leaves while others wait and nobody reaps passes the role on (covers callers that give up).
                if (!role.isHeld()) {
                    role.wakeFollower();
                }
            }
        }

        /** The reaper role: drain the CQ until our own call completes; park on the CQ while nothing arrives. */
        private void reapUntilDone(final CallSlot slot, final int generation, final long deadline) {
            // A bounded spin before each park, only while a core is free: a completion that arrives within it costs
            // no park and no wake-up.
            final SpinWait spin = reaperSpin;
            try {
                while (slot.state(generation) != CallSlot.DONE) {
                    if (client.reap() > 0) {
                        spin.reset();
                        continue;
                    }
                    if (spin.spin()) {
                        continue;
                    }
                    if (Thread.currentThread().isInterrupted() || (deadline != 0 && deadline - System.nanoTime() <= 0)) {
                        return;
                    }
                    client.parkOnCompletions(deadline == 0 ? 0 : Math.max(1, deadline - System.nanoTime()));
                }
            } finally {
                spin.reset();
            }
        }

        @Override
        void whileSqFull() {
            // The server may be blocked on a full CQ that only a waiting caller would reap: reap if nobody does.
            if (role.tryAcquire()) {
                try {
                    client.reap();
                } finally {
                    role.release();
                }
            }
        }

        @Override
        void onAbandoned() {
            if (janitorRunning.compareAndSet(false, true)) {
                try {
                    threads.start("janitor", this::runJanitor);
                } catch (final IllegalStateException e) {
                    janitorRunning.set(false); // the client terminated; nothing is left to reap
                }
            }
        }

        /**
         * With only waiting callers reaping, an abandoned call's completion might never be reaped and its slot never
         * come back; the janitor takes the role whenever nobody holds it, parking on the CQ, until every abandoned
         * call has been reaped.
         */
        private void runJanitor() {
            do {
                while (client.abandonedCalls() > 0 && !role.isClosed()) {
                    if (role.tryAcquire()) {
                        try {
                            if (client.reap() == 0 && client.abandonedCalls() > 0) {
                                client.parkOnCompletions(JANITOR_PARK_NANOS);
                            }
                        } finally {
                            role.release();
                        }
                    } else {
                        // A caller reaps now; look again later in case it leaves with abandoned calls outstanding.
                        LockSupport.parkNanos(this, JANITOR_PARK_NANOS);
                    }
                }
                janitorRunning.set(false);
                // Re-check: an abandonment between the loop's last look and the flag going down.
            } while (client.abandonedCalls() > 0 && !role.isClosed() && janitorRunning.compareAndSet(false, true));
        }
    }

    /** {@link CompletionMode#REAPER_THREAD}: one virtual thread holds the role for the client's life. */
    static final class ReaperThread extends Completions {
        private volatile Thread reaper;
        private volatile boolean stop;

        ReaperThread(final Source client, final ReaperRole role, final VirtualThreads threads) {
            super(client, role, threads);
        }

        @Override
        void start() {
            if (!role.tryAcquire()) {
                throw new IllegalStateException("the reaper role of a new client is taken");
            }
            reaper = threads.start("reaper", this::run);
        }

        private void run() {
            final IdleStrategy idle = client.reaperIdle();
            try {
                while (!stop) {
                    idle.idle(client.reap());
                }
            } finally {
                idle.reset(); // gives back a spin permit held when the client terminated
                role.release(); // the role is closing: this closes the CQ handle
            }
        }

        /** The client terminated: the reaper gives the role up (and with it the CQ handle) and ends. */
        void stop() {
            stop = true;
            final Thread thread = reaper;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        void await(final CallSlot slot, final int generation) {
            final long deadline = slot.deadlineNanos;
            while (slot.state(generation) != CallSlot.DONE) {
                client.abandonIfDue(slot, generation, deadline);
                parkOnSlot(slot, generation, deadline, false);
            }
        }

        @Override
        void whileSqFull() {
            // The reaper thread reaps; the caller only backs off.
        }

        @Override
        void onAbandoned() {
            // The reaper thread reaps every completion, abandoned or not.
        }
    }
}
