package org.capring.ring.call;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.IdleStrategy;
import org.capring.ring.ConsumerIdleStrategy;
import org.capring.ring.Cqe;
import org.capring.ring.EntryHandler;
import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingConsumer;
import org.capring.ring.RingProducer;
import org.capring.ring.Sqe;
import org.capring.ring.WakeupMode;
import org.capring.ring.concurrent.DrainGate;
import org.capring.ring.concurrent.StateMachine;
import org.capring.ring.concurrent.VirtualThreads;

/**
 * The server side of one client's ring: takes SQEs in batches, validates every field, resolves the handle in
 * that client's {@link CapSet}, runs the capability's handler ({@link DispatchMode}) and posts a CQE.
 *
 * {@snippet :
 * CapSet caps = new CapSet(64);
 * int echo = caps.grant(new Capability("echo", ECHO_ID, 1, call -> { ... }));
 * try (RingServer server = RingServer.start(ring, caps, ServerConfig.defaults())) {
 *     // hand `echo` to the client; serve until close
 * }
 * }
 *
 * <p><b>Validation.</b> Every entry gets exactly one answer, and one bad entry never affects another: an
 * unknown opcode or flag, a slot out of range or already busy, or a params length beyond the region is
 * {@link Status#BAD_SQE}; a handle that does not resolve is {@link Status#INVALID_HANDLE}; a wrong interface or
 * method is {@link Status#NO_SUCH_METHOD}; a passed deadline is {@link Status#DEADLINE_EXCEEDED}; a full
 * endpoint queue is {@link Status#OVERLOADED}; a call after shutdown began is {@link Status#SHUTTING_DOWN}.
 * NOP entries and valid RELEASE and CANCEL entries get no CQE. The reader never throws out of its loop.
 *
 * <p><b>Lifecycle.</b> {@link State#RUNNING} → {@link State#DRAINING} ({@link #shutdown}: new calls refused,
 * calls in flight finish or are cancelled) → {@link State#STOPPED}. Calls are admitted through a
 * {@link DrainGate}, so the drain counts them exactly and ends the moment the last one completes.
 *
 * <p><b>Threads.</b> One reader (a virtual thread: it parks when the SQ is empty, woken by the client's
 * submit); handlers on the reader, on one virtual thread per capability, or on one per call, all from one
 * {@link VirtualThreads} factory. Completers post to the CQ, which must be {@link ProducerMode#MULTI} unless the
 * dispatch mode is {@link DispatchMode#INLINE}. Each server thread holds its own ring handles and closes them as
 * it ends, so the ring's memory outlives every server thread that could touch it, even one stuck in a handler
 * after {@link #shutdown} returned ({@link DrainResult#threadsAlive()}, {@link #awaitTermination}).
 */
public final class RingServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RingServer.class.getName());
    private static final AtomicInteger SERVERS = new AtomicInteger();

    /** A server's lifecycle. */
    public enum State {
        /** Serving. */
        RUNNING,
        /** Refusing new calls with {@link Status#SHUTTING_DOWN}; calls in flight finish or are cancelled. */
        DRAINING,
        /** Stopped; entries still in the SQ were answered; threads stuck in a handler may still run. */
        STOPPED
    }

    private final CapSet caps;
    private final ServerConfig config;
    private final ServerCall[] calls;
    private final int paramsBytes;
    private final int sqCapacity;
    private final RingConsumer<Sqe> sq;
    private final StateMachine<State> life;
    private final DrainGate inFlight = new DrainGate();
    private final VirtualThreads threads;
    private final CallRunner runner;
    private final Dispatch dispatch;
    /** Capabilities whose last handle went; the reader retires their endpoints. */
    private final ConcurrentLinkedQueue<Capability> retired = new ConcurrentLinkedQueue<>();
    private final AtomicLong refused = new AtomicLong();
    private final Reader reader;
    private volatile Thread readerThread;

    private RingServer(final Ring ring, final CapSet caps, final ServerConfig config, final RefusalObserver observer) {
        this.caps = caps;
        this.config = config;
        this.paramsBytes = ring.layout().paramsBytes();
        this.sqCapacity = ring.layout().sqCapacity();
        final int slots = ring.layout().slotCount();
        this.calls = new ServerCall[slots];
        for (int slot = 0; slot < slots; slot++) {
            calls[slot] = new ServerCall(this, slot,
                new RegionMessage(ring.paramsRegion(slot), true, config.traversalLimitWords(), config.nestingLimit()),
                new RegionMessage(ring.resultRegion(slot), false, config.traversalLimitWords(), config.nestingLimit()));
        }
        final String name = "capring-server-" + SERVERS.incrementAndGet();
        this.life = StateMachine.builder(name, State.RUNNING)
            .allow(State.RUNNING, State.DRAINING)
            .allow(State.DRAINING, State.STOPPED)
            .build();
        this.runner = new CallRunner(ring, inFlight, observer);
        this.sq = ring.newSqConsumer();
        final RingProducer<Cqe> readerCq;
        try {
            readerCq = ring.newCqProducer();
        } catch (final RuntimeException e) {
            sq.close();
            throw e;
        }
        this.reader = new Reader(readerCq);
        final Dispatch.ThreadPerCall[] perCall = new Dispatch.ThreadPerCall[1];
        this.threads = new VirtualThreads(name, () -> {
            if (perCall[0] != null) {
                perCall[0].closeSharedCq();
            }
        });
        this.dispatch = switch (config.dispatch()) {
            case INLINE -> new Dispatch.Inline(runner, readerCq);
            case ENDPOINT_LOOP -> new Dispatch.EndpointLoops(ring, runner, threads, readerCq, config);
            case THREAD_PER_CALL -> perCall[0] = new Dispatch.ThreadPerCall(ring, runner, threads, readerCq);
        };
        caps.lastReferenceListener(capability -> {
            retired.add(capability);
            final Thread thread = readerThread;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        });
    }

    /**
     * Starts serving a client's ring.
     *
     * @param ring   the client's ring; this server becomes its SQ consumer and a CQ producer
     * @param caps   the client's capabilities
     * @param config server configuration
     * @return the running server
     * @throws IllegalArgumentException if the CQ is single-producer but handlers run on several threads, or the SQ's
     *                                  wake-up mode is not {@link WakeupMode#SIGNAL}
     * @throws IllegalStateException    if the ring's SQ already has a consumer, or the ring is closed
     */
    public static RingServer start(final Ring ring, final CapSet caps, final ServerConfig config) {
        return start(ring, caps, config, RefusalObserver.NONE);
    }

    /**
     * Starts serving a client's ring, telling {@code observer} of every call answered without running a handler
     * (invalid handle, wrong method, late, overloaded, shutting down, cancelled before dispatch).
     *
     * @param ring     the client's ring; this server becomes its SQ consumer and a CQ producer
     * @param caps     the client's capabilities
     * @param config   server configuration
     * @param observer told of refused calls, on the server thread that answered them; must not block
     * @return the running server
     * @throws IllegalArgumentException if the CQ is single-producer but handlers run on several threads, or the SQ's
     *                                  wake-up mode is not {@link WakeupMode#SIGNAL}
     * @throws IllegalStateException    if the ring's SQ already has a consumer, or the ring is closed
     */
    public static RingServer start(final Ring ring, final CapSet caps, final ServerConfig config,
                                   final RefusalObserver observer) {
        Objects.requireNonNull(caps, "caps");
        Objects.requireNonNull(observer, "observer");
        if (ring.layout().sqWakeup() != WakeupMode.SIGNAL) {
            throw new IllegalArgumentException("a RingServer's reader parks when the SQ is empty: the SQ must be "
                + WakeupMode.SIGNAL + ", not " + ring.layout().sqWakeup());
        }
        if (config.dispatch() != DispatchMode.INLINE && ring.layout().cqProducers() != ProducerMode.MULTI) {
            throw new IllegalArgumentException(config.dispatch() + " completes from many threads: the CQ must be "
                + ProducerMode.MULTI + ", not " + ring.layout().cqProducers());
        }
        final RingServer server = new RingServer(ring, caps, config, observer);
        server.readerThread = server.threads.start("reader", server.reader);
        return server;
    }

    /** @return the client's capabilities */
    public CapSet capSet() {
        return caps;
    }

    /** @return the lifecycle state (a snapshot) */
    public State state() {
        return life.state();
    }

    /** @return calls admitted (dispatched or queued) and not yet completed */
    public int inFlight() {
        return (int) inFlight.inFlight();
    }

    /** @return calls completed (any status) */
    public long completedCalls() {
        return runner.completed();
    }

    /** @return entries answered with a transport error before dispatch */
    public long rejectedEntries() {
        return runner.rejected();
    }

    /** @return server threads (reader, endpoints, per-call threads) that have not ended */
    public int activeThreads() {
        return threads.running();
    }

    /** @return the server threads counted by {@link #activeThreads()}, for diagnostics */
    List<Thread> liveThreads() {
        return threads.snapshot();
    }

    // ---- the reader ------------------------------------------------------------------------------------------

    /** Drains the SQ on its own virtual thread and answers or dispatches each entry. Single thread. */
    private final class Reader implements Runnable, EntryHandler<Sqe> {
        private final RingProducer<Cqe> cq;

        Reader(final RingProducer<Cqe> cq) {
            this.cq = cq;
        }

        @Override
        public void run() {
            final IdleStrategy idle = ConsumerIdleStrategy.forVirtualThread(sq, config.spinRounds());
            try {
                while (life.state() != State.STOPPED) {
                    retireEndpoints();
                    int n;
                    try {
                        n = sq.drain(this, config.batch());
                    } catch (final RuntimeException | Error e) {
                        // onEntry answers every entry itself; this is a bug, not bad input. Keep serving.
                        LOG.log(System.Logger.Level.ERROR, "reader failed on an entry; continuing", e);
                        n = 1;
                    }
                    idle.idle(n);
                }
                idle.reset(); // gives back a spin permit held when the stop came
                // Entries submitted before the stop are still answered (SHUTTING_DOWN), never silently dropped;
                // the SQ holds at most its capacity of them, so a client that goes on submitting cannot keep
                // the reader alive.
                int answered = 0;
                int n;
                while (answered < sqCapacity && (n = sq.drain(this, Math.min(config.batch(), sqCapacity - answered))) > 0) {
                    answered += n;
                }
            } finally {
                // The reader is the only dispatcher: it closes the endpoints' mailboxes (they finish what is
                // queued and end) and its own ring handles.
                dispatch.stop();
                sq.close();
                cq.close();
            }
        }

        @Override
        public void onEntry(final Sqe sqe) {
            final long userData = sqe.userData();
            final int rawSlot = sqe.callSlot();
            switch (sqe.opcode()) {
                case Sqe.OP_NOP -> {
                    if (sqe.flags() != 0) {
                        runner.reject(cq, userData, rawSlot, Status.BAD_SQE);
                    }
                }
                case Sqe.OP_CALL -> onCall(sqe, userData, rawSlot);
                case Sqe.OP_RELEASE -> {
                    if (sqe.flags() != 0 || !caps.revoke(sqe.capHandle())) {
                        runner.reject(cq, userData, rawSlot, sqe.flags() != 0 ? Status.BAD_SQE : Status.INVALID_HANDLE);
                    }
                }
                case Sqe.OP_CANCEL -> {
                    if (sqe.flags() != 0 || rawSlot < 0 || rawSlot >= calls.length) {
                        runner.reject(cq, userData, rawSlot, Status.BAD_SQE);
                    } else {
                        final ServerCall call = calls[rawSlot];
                        if (call.busy && call.userData == userData) {
                            call.cancelled = true;
                        }
                    }
                }
                default -> runner.reject(cq, userData, rawSlot, Status.BAD_SQE);
            }
        }

        private void onCall(final Sqe sqe, final long userData, final int rawSlot) {
            final int capHandle = sqe.capHandle();
            final int methodId = sqe.methodId();
            if (sqe.flags() != 0 || rawSlot < 0 || rawSlot >= calls.length) {
                runner.refuse(cq, userData, rawSlot, Status.BAD_SQE, null, capHandle, methodId);
                return;
            }
            final ServerCall call = calls[rawSlot];
            final int length = sqe.paramsLength();
            if (call.busy || length < 0 || length > paramsBytes || (length & 7) != 0) {
                runner.refuse(cq, userData, rawSlot, Status.BAD_SQE, null, capHandle, methodId);
                return;
            }
            final Capability capability = caps.resolve(capHandle);
            if (capability == null) {
                runner.refuse(cq, userData, rawSlot, Status.INVALID_HANDLE, null, capHandle, methodId);
                return;
            }
            if (capability.interfaceId() != sqe.interfaceId() || methodId >= capability.methodCount()) {
                runner.refuse(cq, userData, rawSlot, Status.NO_SUCH_METHOD, capability, capHandle, methodId);
                return;
            }
            final long deadline = sqe.deadlineNanos();
            if (deadline != 0 && System.nanoTime() - deadline > 0) {
                runner.refuse(cq, userData, rawSlot, Status.DEADLINE_EXCEEDED, capability, capHandle, methodId);
                return;
            }
            // Counted in flight and checked against the drain in one step: either shutdown counts this call and
            // waits for it, or this call sees the drain and is refused. Never both miss.
            if (!inFlight.tryEnter()) {
                refused.incrementAndGet();
                runner.refuse(cq, userData, rawSlot, Status.SHUTTING_DOWN, capability, capHandle, methodId);
                return;
            }
            call.userData = userData;
            call.capHandle = capHandle;
            call.paramsLength = length;
            call.interfaceId = capability.interfaceId();
            call.methodId = methodId;
            call.deadlineNanos = deadline;
            call.capability = capability;
            call.cancelled = false;
            call.busy = true;
            dispatch.dispatch(call);
        }
    }

    /** Retires the endpoints of capabilities that lost their last handle (on the reader, the only dispatcher). */
    private void retireEndpoints() {
        Capability capability;
        while ((capability = retired.poll()) != null) {
            if (!caps.holds(capability)) {
                dispatch.retire(capability);
            }
        }
    }

    // ---- shutdown --------------------------------------------------------------------------------------------

    /**
     * Drains and stops: new calls are refused with {@link Status#SHUTTING_DOWN} before dispatch; calls in
     * flight get {@code grace} to finish; then the rest are cancelled (flag, then interrupt) and completed with
     * {@link Status#CANCELLED}; finally the server's threads are stopped and, unless a handler is stuck, joined.
     * Ends as soon as in-flight reaches zero; no fixed sleeps. Idempotent: a second call returns
     * {@link DrainResult#NONE}.
     *
     * @param grace how long in-flight calls may take to finish on their own
     * @return counts of drained, cancelled, refused and stuck calls, and of threads still alive
     * @throws InterruptedException if interrupted while waiting: the server still stops (STOPPED, its threads told
     *                              to end, calls still in flight cancelled), without waiting any further; see
     *                              {@link #awaitTermination} for its threads
     */
    public DrainResult shutdown(final Duration grace) throws InterruptedException {
        if (!life.transition(State.RUNNING, State.DRAINING)) {
            return DrainResult.NONE;
        }
        final long refusedBefore = refused.get();
        inFlight.close();
        LockSupport.unpark(readerThread); // a reader parked on an empty SQ sees the drain at once
        final long atStart = inFlight.inFlightAtClose(); // exact: a call that ends right after the close is drained
        long leftAfterGrace = 0;
        int stuck = 0;
        // An interrupt cuts the waits short, never the stop: what is still in flight is cancelled and counted stuck.
        boolean interrupted = false;
        boolean idle;
        try {
            idle = inFlight.awaitIdle(System.nanoTime() + grace.toNanos());
        } catch (final InterruptedException e) {
            interrupted = true;
            idle = inFlight.isIdle();
        }
        if (!idle) {
            leftAfterGrace = inFlight();
            for (final ServerCall call : calls) {
                if (call.busy) {
                    call.cancelled = true;
                }
            }
            // Every handler runs on a thread of this server's factory (endpoint loops, threads per call); the
            // reader is spared: it still answers what is queued.
            threads.interruptAll(readerThread);
            if (!interrupted) {
                try {
                    idle = inFlight.awaitIdle(System.nanoTime()
                        + Math.max(grace.toNanos(), TimeUnit.SECONDS.toNanos(1)));
                } catch (final InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!idle && !inFlight.isIdle()) {
                stuck = inFlight();
            }
        }
        life.transition(State.DRAINING, State.STOPPED);
        LockSupport.unpark(readerThread);
        threads.close();
        if (stuck == 0 && !interrupted) {
            // Nothing in flight: every thread is ending (the reader answers what is left in the SQ, then closes
            // the endpoints' mailboxes). Bounded, so that a thread that does not end is reported, not waited for.
            try {
                threads.awaitEnded(System.nanoTime() + grace.toNanos() + TimeUnit.SECONDS.toNanos(1));
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            throw new InterruptedException("shutdown interrupted: the server stopped without waiting further ("
                + stuck + " calls still in flight, " + threads.running() + " threads running)");
        }
        return new DrainResult(Math.max(0, atStart - leftAfterGrace), Math.max(0, leftAfterGrace - stuck),
            refused.get() - refusedBefore, stuck, threads.running());
    }

    /**
     * Waits until every server thread has ended, after {@link #shutdown}: the reader, every endpoint and every
     * per-call thread, including those that were stuck in a handler when the shutdown returned. Once it returns
     * true the server holds no ring handle any more.
     *
     * @param timeout longest wait
     * @return true if every server thread has ended
     * @throws IllegalStateException if the server was not shut down
     * @throws InterruptedException  if interrupted while waiting
     */
    public boolean awaitTermination(final Duration timeout) throws InterruptedException {
        if (life.state() != State.STOPPED) {
            throw new IllegalStateException("awaitTermination before shutdown: the server is " + life.state());
        }
        return threads.awaitEnded(System.nanoTime() + timeout.toNanos());
    }

    /** @return true once stopped and every server thread has ended */
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    /**
     * Shuts down with the configured grace period ({@link ServerConfig#shutdownGrace()}).
     */
    @Override
    public void close() {
        try {
            shutdown(config.shutdownGrace());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
