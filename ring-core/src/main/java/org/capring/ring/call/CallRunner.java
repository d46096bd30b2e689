package org.capring.ring.call;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.capnproto.DecodeException;
import org.capring.ring.Cqe;
import org.capring.ring.Ring;
import org.capring.ring.RingProducer;
import org.capring.ring.concurrent.DrainGate;
import org.capring.ring.concurrent.FullQueueBackoff;

/**
 * Runs admitted calls and completes them: the handler, the mapping of its outcome to a status, the CQE, and the
 * call's exit from the server's in-flight {@link DrainGate}. Every dispatch mode ends here.
 *
 * <p>Thread-safe: any server thread runs calls, each posting through its own CQ producer handle (or one shared
 * under a lock by the dispatch mode that needs it).
 */
final class CallRunner {
    private static final System.Logger LOG = System.getLogger(RingServer.class.getName());

    private final Ring ring;
    private final DrainGate inFlight;
    private final RefusalObserver observer;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();


    CallRunner(final Ring ring, final DrainGate inFlight, final RefusalObserver observer) {
        this.ring = ring;
        this.inFlight = inFlight;
        this.observer = observer;
    }

    /** @return calls completed (any status), each after its admission */
    long completed() {
        return completed.get();
    }

    /** @return entries answered with a transport error before dispatch */
    long rejected() {
        return rejected.get();
    }


    /** Runs the handler (unless the call was cancelled or is late) and completes the call. Never throws. */
    void execute(final ServerCall call, final RingProducer<Cqe> cq) {
        execute(call, cq, null);
    }

    /**
     * {@link #execute(ServerCall, RingProducer)} posting through a CQ handle that several threads share.
     *
     * @param cqLock held while posting to {@code cq}; null if the calling thread owns {@code cq}
     */
    void execute(final ServerCall call, final RingProducer<Cqe> cq, final ReentrantLock cqLock) {
        int status = Status.OK;
        int resultLength = 0;
        boolean dispatched = false;
        final boolean handlerRuns = !call.cancelled
            && (call.deadlineNanos == 0 || System.nanoTime() - call.deadlineNanos <= 0);
        if (!handlerRuns && call.cancelled) {
            status = Status.CANCELLED;
        } else if (!handlerRuns) {
            status = Status.DEADLINE_EXCEEDED;
        } else {
            dispatched = true;
            call.begin();
            try {
                call.capability.handler().handle(call);
                if (call.result.overflowed()) {
                    // The handler caught the RegionFullException and returned: never post the truncated result.
                    status = Status.RESULT_TOO_LARGE;
                    call.result.clear();
                } else {
                    resultLength = call.resultStarted() ? call.result.builtBytes() : 0;
                    if (!call.resultStarted()) {
                        call.result.clear();
                    }
                }
            } catch (final RegionFullException e) {
                status = Status.RESULT_TOO_LARGE;
                call.result.clear();
            } catch (final CapException e) {
                status = e.status();
                resultLength = writeMessage(call, e.detail());
            } catch (final TransportException e) {
                // A skeleton answering an unknown method, a handler reporting overload, cancellation or a missed
                // deadline itself, or one that refuses before its work began (dispatched() false: a container's
                // admission gate), which the caller may then retry safely.
                status = e.status() == Status.PARAMS_TOO_LARGE ? Status.UNEXPECTED : e.status();
                dispatched = e.dispatched();
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
                    resultLength = writeMessage(call, describe(e));
                }
            }
            if (status == Status.RESULT_TOO_LARGE || status == Status.DECODE_ERROR) {
                resultLength = 0;
            }
            // An interrupt was meant for this call (shutdown cancelling it); it must not reach the next one.
            Thread.interrupted();
        }
        completed.incrementAndGet();
        // Read before finish: once the call is out of flight its slot may carry the client's next call.
        final Capability capability = call.capability;
        final int capHandle = call.capHandle;
        final int methodId = call.methodId;
        finish(call, cq, cqLock, status, dispatched ? Status.FLAG_DISPATCHED : 0, resultLength);
        if (!handlerRuns) {
            observe(capability, capHandle, methodId, status);
        }
    }

    /** Answers an admitted call that will not run (its dispatch failed) with a refusal, and lets it out. */
    void refuseAdmitted(final ServerCall call, final RingProducer<Cqe> cq, final int status) {
        rejected.incrementAndGet();
        final Capability capability = call.capability;
        final int capHandle = call.capHandle;
        final int methodId = call.methodId;
        finish(call, cq, null, status, 0, 0);
        observe(capability, capHandle, methodId, status);
    }

    /**
     * Answers a CALL entry that was not admitted with a transport error and tells the observer.
     *
     * @param capability what the entry's handle resolved to, or null
     */
    void refuse(final RingProducer<Cqe> cq, final long userData, final int slot, final int status,
                final Capability capability, final int capHandle, final int methodId) {
        reject(cq, userData, slot, status);
        observe(capability, capHandle, methodId, status);
    }

    private void observe(final Capability capability, final int capHandle, final int methodId, final int status) {
        try {
            observer.refused(capability, capHandle, methodId, status);
        } catch (final RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "refusal observer failed; continuing", e);
        }
    }

    private void finish(final ServerCall call, final RingProducer<Cqe> cq, final ReentrantLock cqLock,
                        final int status, final int flags, final int length) {
        final long userData = call.userData;
        final int slot = call.slot;
        // Volatile store: the slot is free for the client's next call before the client can learn it is done.
        call.busy = false;
        if (cqLock == null) {
            post(cq, userData, status, flags, slot, length);
        } else {
            cqLock.lock();
            try {
                post(cq, userData, status, flags, slot, length);
            } finally {
                cqLock.unlock();
            }
        }
        inFlight.exit();
    }

    /** Answers an entry that was not admitted with a transport error (no handler ran). */
    void reject(final RingProducer<Cqe> cq, final long userData, final int slot, final int status) {
        rejected.incrementAndGet();
        post(cq, userData, status, 0, slot, 0);
    }

    /** Posts one CQE, waiting for room while the CQ is full (the client reaps). */
    void post(final RingProducer<Cqe> cq, final long userData, final int status, final int flags, final int slot,
              final int length) {
        Cqe cqe = cq.tryClaim();
        if (cqe == null) {
            ring.recordCqOverflow();
            final FullQueueBackoff backoff = new FullQueueBackoff(FullQueueBackoff.DEFAULT_MAX_PARK_NANOS);
            try {
                while ((cqe = cq.tryClaim()) == null) {
                    backoff.idle();
                }
            } finally {
                backoff.reset(); // gives back a spin permit the last round may hold
            }
        }
        cqe.set(userData, status, flags, slot, length);
        cq.submit();
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

    /** The class and message of a handler's failure; a message that itself throws leaves the class alone. */
    private static String describe(final Throwable e) {
        try {
            return e.getClass().getName() + ": " + e.getMessage();
        } catch (final RuntimeException | Error broken) {
            return e.getClass().getName();
        }
    }

    private static int writeMessage(final ServerCall call, final String message) {
        return call.result.writeText(message == null ? "" : message);
    }
}
