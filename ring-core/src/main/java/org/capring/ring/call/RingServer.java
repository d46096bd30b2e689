package org.capring.ring.call;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.capnproto.DecodeException;
import org.capring.ring.ConsumerIdleStrategy;
import org.capring.ring.Cqe;
import org.capring.ring.EntryHandler;
import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingConsumer;
import org.capring.ring.RingProducer;
import org.capring.ring.SpinWait;
import org.capring.ring.Sqe;

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
 * <p><b>Threads.</b> One reader (a virtual thread: it parks when the SQ is empty, woken by the client's
 * submit); handlers on the reader, on one virtual thread per capability, or on one per call. Completers post to
 * the CQ, which must be {@link ProducerMode#MULTI} unless the dispatch mode is {@link DispatchMode#INLINE}.
 */
public final class RingServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RingServer.class.getName());
    private static final int RUNNING = 0;
    private static final int DRAINING = 1;
    private static final int STOPPED = 2;

    private final Ring ring;
    private final CapSet caps;
    private final ServerConfig config;
    private final ServerCall[] calls;
    private final int paramsBytes;
    private final RingConsumer<Sqe> sq;
    /** Endpoints by capability; read and written only by the reader. */
    private final IdentityHashMap<Capability, Endpoint> endpoints = new IdentityHashMap<>();
    /** Capabilities whose last handle went; the reader retires their endpoints. */
    private final ConcurrentLinkedQueue<Capability> retired = new ConcurrentLinkedQueue<>();
    /** The reader and the endpoint loops: few, long-lived. */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** Per-call threads still running (thread-per-call mode), for cancellation at shutdown. */
    private final Set<Thread> callThreads = ConcurrentHashMap.newKeySet();
    private final ReentrantLock sharedCqLock = new ReentrantLock();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Reader reader;
    private RingProducer<Cqe> sharedCq;
    private volatile int state = RUNNING;
    private volatile Thread drainWaiter;
    private Thread readerThread;

    private RingServer(final Ring ring, final CapSet caps, final ServerConfig config) {
        this.ring = ring;
        this.caps = caps;
        this.config = config;
        this.paramsBytes = ring.layout().paramsBytes();
        final int slots = ring.layout().slotCount();
        this.calls = new ServerCall[slots];
        for (int slot = 0; slot < slots; slot++) {
            calls[slot] = new ServerCall(this, slot,
                new RegionMessage(ring.paramsRegion(slot), true, config.traversalLimitWords(), config.nestingLimit()),
                new RegionMessage(ring.resultRegion(slot), false, config.traversalLimitWords(), config.nestingLimit()));
        }
        this.sq = ring.newSqConsumer();
        this.reader = new Reader();
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
     * @throws IllegalArgumentException if the CQ is single-producer but handlers run on several threads
     * @throws IllegalStateException    if the ring's SQ already has a consumer
     */
    public static RingServer start(final Ring ring, final CapSet caps, final ServerConfig config) {
        Objects.requireNonNull(caps, "caps");
        if (config.dispatch() != DispatchMode.INLINE && ring.layout().cqProducers() != ProducerMode.MULTI) {
            throw new IllegalArgumentException(config.dispatch() + " completes from many threads: the CQ must be "
                + ProducerMode.MULTI + ", not " + ring.layout().cqProducers());
        }
        final RingServer server = new RingServer(ring, caps, config);
        server.readerThread = server.startThread("capring-server-reader", server.reader);
        return server;
    }

    /** Names and starts server threads; used by the starting thread, then only by the reader (not thread-safe). */
    private final Thread.Builder.OfVirtual threadBuilder = Thread.ofVirtual().uncaughtExceptionHandler(
        (t, e) -> LOG.log(System.Logger.Level.ERROR, "server thread " + t.getName() + " died", e));
    /** Starts per-call threads; used only by the reader. */
    private final Thread.Builder.OfVirtual callThreadBuilder = Thread.ofVirtual().name("capring-call")
        .uncaughtExceptionHandler((t, e) -> LOG.log(System.Logger.Level.ERROR, "call thread died", e));

    private Thread startThread(final String name, final Runnable body) {
        final Thread thread = threadBuilder.name(name).unstarted(body);
        threads.add(thread);
        thread.start();
        return thread;
    }

    /** @return the client's capabilities */
    public CapSet capSet() {
        return caps;
    }

    /** @return calls dispatched or queued and not yet completed */
    public int inFlight() {
        return inFlight.get();
    }

    /** @return calls completed (any status) */
    public long completedCalls() {
        return completed.get();
    }

    /** @return entries answered with a transport error before dispatch */
    public long rejectedEntries() {
        return errors.get();
    }

    /** @return server threads (reader, endpoints, per-call threads) that are still alive */
    public int activeThreads() {
        return liveThreads().size();
    }

    /** @return the server threads counted by {@link #activeThreads()}, for diagnostics */
    List<Thread> liveThreads() {
        final List<Thread> live = new ArrayList<>(callThreads);
        for (final Thread thread : threads) {
            if (thread.isAlive()) {
                live.add(thread);
            }
        }
        return live;
    }

    // ---- the reader ------------------------------------------------------------------------------------------

    /** Drains the SQ on its own virtual thread and answers or dispatches each entry. Single thread. */
    private final class Reader implements Runnable, EntryHandler<Sqe> {
        private final RingProducer<Cqe> cq = ring.newCqProducer();

        @Override
        public void run() {
            final IdleStrategy idle = ConsumerIdleStrategy.forVirtualThread(sq, config.spinRounds());
            while (state != STOPPED) {
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
            // Entries submitted before the stop are still answered (SHUTTING_DOWN), never silently dropped.
            while (sq.drain(this, config.batch()) > 0) {
                retireEndpoints();
            }
        }

        @Override
        public void onEntry(final Sqe sqe) {
            final long userData = sqe.userData();
            final int rawSlot = sqe.callSlot();
            switch (sqe.opcode()) {
                case Sqe.OP_NOP -> {
                    if (sqe.flags() != 0) {
                        reject(cq, userData, rawSlot, Status.BAD_SQE);
                    }
                }
                case Sqe.OP_CALL -> onCall(sqe, userData, rawSlot);
                case Sqe.OP_RELEASE -> {
                    if (sqe.flags() != 0 || !caps.revoke(sqe.capHandle())) {
                        reject(cq, userData, rawSlot, sqe.flags() != 0 ? Status.BAD_SQE : Status.INVALID_HANDLE);
                    }
                }
                case Sqe.OP_CANCEL -> {
                    if (sqe.flags() != 0 || rawSlot < 0 || rawSlot >= calls.length) {
                        reject(cq, userData, rawSlot, Status.BAD_SQE);
                    } else {
                        final ServerCall call = calls[rawSlot];
                        if (call.busy && call.userData == userData) {
                            call.cancelled = true;
                        }
                    }
                }
                default -> reject(cq, userData, rawSlot, Status.BAD_SQE);
            }
        }

        private void onCall(final Sqe sqe, final long userData, final int rawSlot) {
            if (sqe.flags() != 0 || rawSlot < 0 || rawSlot >= calls.length) {
                reject(cq, userData, rawSlot, Status.BAD_SQE);
                return;
            }
            final ServerCall call = calls[rawSlot];
            final int length = sqe.paramsLength();
            if (call.busy || length < 0 || length > paramsBytes || (length & 7) != 0) {
                reject(cq, userData, rawSlot, Status.BAD_SQE);
                return;
            }
            final Capability capability = caps.resolve(sqe.capHandle());
            if (capability == null) {
                reject(cq, userData, rawSlot, Status.INVALID_HANDLE);
                return;
            }
            final int methodId = sqe.methodId();
            if (capability.interfaceId() != sqe.interfaceId() || methodId >= capability.methodCount()) {
                reject(cq, userData, rawSlot, Status.NO_SUCH_METHOD);
                return;
            }
            final long deadline = sqe.deadlineNanos();
            if (deadline != 0 && System.nanoTime() - deadline > 0) {
                reject(cq, userData, rawSlot, Status.DEADLINE_EXCEEDED);
                return;
            }
            // Counted in flight before the state is read (both volatile): either shutdown sees this call in flight
            // and waits for it, or this reader sees the shutdown and refuses it. Never both miss.
            inFlight.incrementAndGet();
            if (state != RUNNING) {
                refused.incrementAndGet();
                leaveFlight();
                reject(cq, userData, rawSlot, Status.SHUTTING_DOWN);
                return;
            }
            call.userData = userData;
            call.paramsLength = length;
            call.interfaceId = capability.interfaceId();
            call.methodId = methodId;
            call.deadlineNanos = deadline;
            call.capability = capability;
            call.cancelled = false;
            call.busy = true;
            switch (config.dispatch()) {
                case INLINE -> execute(call, cq);
                case ENDPOINT_LOOP -> {
                    if (!endpointFor(capability).offer(call)) {
                        call.busy = false;
                        leaveFlight();
                        reject(cq, userData, rawSlot, Status.OVERLOADED);
                    }
                }
                case THREAD_PER_CALL -> {
                    try {
                        // Registered before it starts, so that a shutdown joining the call threads cannot miss it.
                        final Thread thread = callThreadBuilder.unstarted(call);
                        callThreads.add(thread);
                        try {
                            thread.start();
                        } catch (final RuntimeException | OutOfMemoryError e) {
                            callThreads.remove(thread);
                            throw e;
                        }
                    } catch (final RuntimeException | OutOfMemoryError e) {
                        call.busy = false;
                        leaveFlight();
                        reject(cq, userData, rawSlot, Status.OVERLOADED);
                    }
                }
            }
        }
    }

    /** Retires the endpoints of capabilities that lost their last handle (on the reader, the only offerer). */
    private void retireEndpoints() {
        Capability capability;
        while ((capability = retired.poll()) != null) {
            if (caps.holds(capability)) {
                continue;
            }
            final Endpoint endpoint = endpoints.remove(capability);
            if (endpoint != null) {
                endpoint.retire();
            }
        }
    }

    private Endpoint endpointFor(final Capability capability) {
        Endpoint endpoint = endpoints.get(capability);
        if (endpoint == null) {
            endpoint = new Endpoint(capability, config.endpointQueue());
            endpoints.put(capability, endpoint);
            endpoint.thread = startThread("capring-endpoint-" + capability.name(), endpoint);
        }
        return endpoint;
    }

    private void reject(final RingProducer<Cqe> cq, final long userData, final int slot, final int status) {
        errors.incrementAndGet();
        post(cq, userData, status, 0, slot, 0);
    }

    // ---- endpoints -------------------------------------------------------------------------------------------

    /**
     * A capability's receive/return loop: a virtual thread that takes calls from a bounded queue (filled only
     * by the reader) and runs them one at a time. Parks when the queue is empty; the reader unparks it
     * ({@code parked} flag, re-checked after raising it, fenced on the reader's side). Retired by the reader when
     * the capability's last handle goes: it finishes what is queued and ends.
     */
    private final class Endpoint implements Runnable {
        private final OneToOneConcurrentArrayQueue<ServerCall> queue;
        private final RingProducer<Cqe> cq = ring.newCqProducer();
        private volatile boolean parked;
        private volatile boolean retiring;
        private volatile Thread thread;

        Endpoint(final Capability capability, final int capacity) {
            this.queue = new OneToOneConcurrentArrayQueue<>(capacity);
        }

        boolean offer(final ServerCall call) {
            if (!queue.offer(call)) {
                return false;
            }
            // Orders the queue store before the flag load; pairs with the volatile store of `parked` below.
            VarHandle.fullFence();
            if (parked) {
                LockSupport.unpark(thread);
            }
            return true;
        }

        void retire() {
            retiring = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            final SpinWait spin = new SpinWait(config.spinRounds());
            try {
                while (true) {
                    final ServerCall call = queue.poll();
                    if (call != null) {
                        spin.reset();
                        execute(call, cq);
                        continue;
                    }
                    if (retiring || state == STOPPED) {
                        spin.reset();
                        return;
                    }
                    if (spin.spin()) {
                        continue;
                    }
                    parked = true;
                    if (queue.isEmpty() && !retiring && state != STOPPED) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            } finally {
                threads.remove(Thread.currentThread());
            }
        }
    }

    // ---- executing and completing ----------------------------------------------------------------------------

    void executeOnOwnThread(final ServerCall call) {
        try {
            sharedCqLock.lock();
            try {
                if (sharedCq == null) {
                    sharedCq = ring.newCqProducer();
                }
            } finally {
                sharedCqLock.unlock();
            }
            execute(call, null);
        } finally {
            callThreads.remove(Thread.currentThread());
        }
    }

    /** Runs the handler (unless cancelled or late) and completes the call. Never throws. */
    private void execute(final ServerCall call, final RingProducer<Cqe> cq) {
        int status = Status.OK;
        int resultLength = 0;
        boolean dispatched = false;
        if (call.cancelled) {
            status = Status.CANCELLED;
        } else if (call.deadlineNanos != 0 && System.nanoTime() - call.deadlineNanos > 0) {
            status = Status.DEADLINE_EXCEEDED;
        } else {
            dispatched = true;
            call.begin();
            try {
                call.capability.handler().handle(call);
                resultLength = call.resultStarted() ? call.result.builtBytes() : 0;
                if (!call.resultStarted()) {
                    call.result.clear();
                }
            } catch (final RegionFullException e) {
                status = Status.RESULT_TOO_LARGE;
                call.result.clear();
            } catch (final CapException e) {
                status = e.status();
                resultLength = writeMessage(call, e.detail());
            } catch (final TransportException e) {
                // A skeleton answering an unknown method, or a handler reporting overload, cancellation or a
                // missed deadline itself.
                status = e.status() == Status.PARAMS_TOO_LARGE ? Status.UNEXPECTED : e.status();
                call.result.clear();
            } catch (final Throwable e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (call.cancelled) {
                    status = Status.CANCELLED;
                    call.result.clear();
                } else if (isDecodeFailure(e)) {
                    status = Status.DECODE_ERROR;
                    call.result.clear();
                } else {
                    status = Status.UNEXPECTED;
                    LOG.log(System.Logger.Level.WARNING, () -> "handler of " + call.capability.name() + " failed", e);
                    resultLength = writeMessage(call, e.getClass().getName() + ": " + e.getMessage());
                }
            }
            if (status == Status.RESULT_TOO_LARGE || status == Status.DECODE_ERROR) {
                resultLength = 0;
            }
        }
        complete(call, cq, status, dispatched ? Status.FLAG_DISPATCHED : 0, resultLength);
    }

    /**
     * A capnp read of malformed params fails inside the runtime: a DecodeException, or a bounds or argument error
     * thrown by the runtime or by the JDK code it called (an out-of-range segment id, a blob past the segment).
     * Judged by the first frame outside the JDK.
     */
    private static boolean isDecodeFailure(final Throwable e) {
        if (e instanceof DecodeException) {
            return true;
        }
        if (!(e instanceof IndexOutOfBoundsException || e instanceof IllegalArgumentException
            || e instanceof java.nio.BufferUnderflowException || e instanceof StackOverflowError
            || e instanceof NegativeArraySizeException)) {
            return false;
        }
        for (final StackTraceElement frame : e.getStackTrace()) {
            final String type = frame.getClassName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            return type.startsWith("org.capnproto.");
        }
        return false;
    }

    private static int writeMessage(final ServerCall call, final String message) {
        return call.result.writeText(message == null ? "" : message);
    }

    private void complete(
        final ServerCall call, final RingProducer<Cqe> cq, final int status, final int flags, final int length) {
        final long userData = call.userData;
        final int slot = call.slot;
        // Volatile store: the slot is free for the client's next call before the client can learn it is done.
        call.busy = false;
        if (cq != null) {
            post(cq, userData, status, flags, slot, length);
        } else {
            sharedCqLock.lock();
            try {
                post(sharedCq, userData, status, flags, slot, length);
            } finally {
                sharedCqLock.unlock();
            }
        }
        completed.incrementAndGet();
        leaveFlight();
    }

    /** One call fewer in flight; the last one wakes a shutdown waiting for the server to be idle. */
    private void leaveFlight() {
        if (inFlight.decrementAndGet() == 0) {
            final Thread waiter = drainWaiter;
            if (waiter != null) {
                LockSupport.unpark(waiter);
            }
        }
    }

    private void post(
        final RingProducer<Cqe> cq, final long userData, final int status, final int flags, final int slot,
        final int length) {
        boolean counted = false;
        Cqe cqe;
        while ((cqe = cq.tryClaim()) == null) {
            if (!counted) {
                ring.recordCqOverflow();
                counted = true;
            }
            // The client reaps; wait for room without spinning a carrier.
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
        }
        cqe.set(userData, status, flags, slot, length);
        cq.submit();
    }

    // ---- shutdown --------------------------------------------------------------------------------------------

    /**
     * Drains and stops: new calls are refused with {@link Status#SHUTTING_DOWN} before dispatch; calls in
     * flight get {@code grace} to finish; then the rest are cancelled (flag, then interrupt) and completed with
     * {@link Status#CANCELLED}; finally every server thread is stopped and joined. Ends as soon as in-flight
     * reaches zero; no fixed sleeps. Idempotent: a second call returns an empty result.
     *
     * @param grace how long in-flight calls may take to finish on their own
     * @return counts of drained, cancelled, refused and stuck calls
     * @throws InterruptedException if interrupted while waiting (the server keeps draining)
     */
    public DrainResult shutdown(final Duration grace) throws InterruptedException {
        synchronized (this) {
            if (state != RUNNING) {
                return new DrainResult(0, 0, 0, 0);
            }
            state = DRAINING;
        }
        final long atStart = inFlight.get();
        final long refusedBefore = refused.get();
        awaitIdle(System.nanoTime() + grace.toNanos());
        final long leftAfterGrace = inFlight.get();
        if (leftAfterGrace > 0) {
            for (final ServerCall call : calls) {
                if (call.busy) {
                    call.cancelled = true;
                }
            }
            for (final Thread thread : threads) {
                if (thread != readerThread) {
                    thread.interrupt();
                }
            }
            for (final Thread thread : callThreads) {
                thread.interrupt();
            }
            awaitIdle(System.nanoTime() + Math.max(grace.toNanos(), TimeUnit.SECONDS.toNanos(1)));
        }
        final int stuck = inFlight.get();
        state = STOPPED;
        final List<Thread> toJoin = new ArrayList<>(threads);
        for (final Thread thread : toJoin) {
            LockSupport.unpark(thread);
        }
        for (final Thread thread : toJoin) {
            if (stuck == 0 || thread == readerThread) {
                thread.join();
            }
        }
        // Until none is left: the set is weakly consistent, and a thread joined here leaves it only as it ends.
        while (stuck == 0 && !callThreads.isEmpty()) {
            for (final Thread thread : List.copyOf(callThreads)) {
                thread.join();
            }
        }
        return new DrainResult(Math.max(0, atStart - leftAfterGrace), leftAfterGrace - stuck,
            refused.get() - refusedBefore, stuck);
    }

    private void awaitIdle(final long deadline) {
        drainWaiter = Thread.currentThread();
        try {
            while (inFlight.get() > 0) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            drainWaiter = null;
        }
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
