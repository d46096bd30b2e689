package org.capring.ring.call;

import java.util.IdentityHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.capring.ring.Cqe;
import org.capring.ring.Ring;
import org.capring.ring.RingProducer;
import org.capring.ring.SpinWait;
import org.capring.ring.concurrent.VirtualThreads;

/**
 * How a {@link RingServer} runs admitted calls, one implementation per {@link DispatchMode}. Called by the
 * reader only (one thread); shutdown interrupts the handlers through the server's {@link VirtualThreads}.
 */
sealed interface Dispatch permits Dispatch.Inline, Dispatch.EndpointLoops, Dispatch.ThreadPerCall {

    /**
     * Runs or queues an admitted call. If it cannot (a full endpoint queue, no thread), the call is answered
     * with {@link Status#OVERLOADED} and let out of flight here.
     *
     * @param call the call, admitted and marked busy
     */
    void dispatch(ServerCall call);

    /** A capability lost its last handle: stop serving it once what was sent to it is done. */
    default void retire(final Capability capability) {
    }

    /** Shutdown, after the drain: no more calls will come; queued ones are still run (or answered). */
    void stop();

    /** {@link DispatchMode#INLINE}: the reader runs each handler itself, posting through its own CQ handle. */
    final class Inline implements Dispatch {
        private final CallRunner runner;
        private final RingProducer<Cqe> cq;

        Inline(final CallRunner runner, final RingProducer<Cqe> readerCq) {
            this.runner = runner;
            this.cq = readerCq;
        }

        @Override
        public void dispatch(final ServerCall call) {
            runner.execute(call, cq);
        }

        @Override
        public void stop() {
        }
    }

    /**
     * {@link DispatchMode#ENDPOINT_LOOP}: one virtual thread per capability, fed through a {@link Mailbox}; the
     * endpoint owns its CQ handle and closes it when it ends. A call to a {@link Capability#nonBlocking()}
     * capability whose endpoint has nothing queued or running runs on the reader instead.
     */
    final class EndpointLoops implements Dispatch {
        private final Ring ring;
        private final CallRunner runner;
        private final VirtualThreads threads;
        private final RingProducer<Cqe> readerCq;
        private final int queueCapacity;
        private final int spinRounds;
        /** Endpoints by capability; read and written by the reader only. */
        private final IdentityHashMap<Capability, Endpoint> endpoints = new IdentityHashMap<>();

        EndpointLoops(final Ring ring, final CallRunner runner, final VirtualThreads threads,
                      final RingProducer<Cqe> readerCq, final ServerConfig config) {
            this.ring = ring;
            this.runner = runner;
            this.threads = threads;
            this.readerCq = readerCq;
            this.queueCapacity = config.endpointQueue();
            this.spinRounds = config.spinRounds();
        }

        @Override
        public void dispatch(final ServerCall call) {
            Endpoint endpoint = endpoints.get(call.capability);
            // A non-blocking capability with nothing queued or running: its call runs here, in order (nothing of it
            // is ahead), one thread hand-off fewer. Anything else goes through its endpoint.
            if (call.capability.nonBlocking() && (endpoint == null || endpoint.isIdle())) {
                runner.execute(call, readerCq);
                return;
            }
            if (endpoint == null) {
                endpoint = start(call.capability);
                if (endpoint == null) {
                    runner.refuseAdmitted(call, readerCq, Status.OVERLOADED);
                    return;
                }
            }
            if (endpoint.mailbox.offer(call)) {
                endpoint.offered++;
            } else {
                runner.refuseAdmitted(call, readerCq, Status.OVERLOADED);
            }
        }

        private Endpoint start(final Capability capability) {
            final Endpoint endpoint = new Endpoint(new Mailbox<>(queueCapacity), ring.newCqProducer());
            try {
                threads.start("endpoint-" + capability.name(), endpoint);
            } catch (final RuntimeException | OutOfMemoryError e) {
                endpoint.cq.close();
                return null;
            }
            endpoints.put(capability, endpoint);
            return endpoint;
        }

        @Override
        public void retire(final Capability capability) {
            final Endpoint endpoint = endpoints.remove(capability);
            if (endpoint != null) {
                endpoint.mailbox.close();
            }
        }

        @Override
        public void stop() {
            for (final Endpoint endpoint : endpoints.values()) {
                endpoint.mailbox.close();
            }
            endpoints.clear();
        }

        /** A capability's receive/return loop: runs its calls one at a time, in order, until its mailbox closes. */
        private final class Endpoint implements Runnable {
            final Mailbox<ServerCall> mailbox;
            final RingProducer<Cqe> cq;
            /** Calls offered; the reader's own count. */
            long offered;
            /** Calls done; written by the endpoint, read by the reader. */
            private final java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();

            /** @return true if every call offered is done (reader only) */
            boolean isIdle() {
                return done.get() == offered;
            }

            Endpoint(final Mailbox<ServerCall> mailbox, final RingProducer<Cqe> cq) {
                this.mailbox = mailbox;
                this.cq = cq;
            }

            @Override
            public void run() {
                final SpinWait spin = new SpinWait(spinRounds);
                try {
                    ServerCall call;
                    while ((call = mailbox.take(spin)) != null) {
                        runner.execute(call, cq);
                        done.lazySet(done.get() + 1);
                    }
                } finally {
                    spin.reset();
                    cq.close();
                }
            }
        }
    }

    /**
     * {@link DispatchMode#THREAD_PER_CALL}: a new virtual thread per call; completions go through one CQ handle
     * shared under a lock, closed by the server once its last thread has ended.
     */
    final class ThreadPerCall implements Dispatch {
        private final CallRunner runner;
        private final VirtualThreads threads;
        private final RingProducer<Cqe> readerCq;
        private final ReentrantLock sharedCqLock = new ReentrantLock();
        private final RingProducer<Cqe> sharedCq;

        ThreadPerCall(final Ring ring, final CallRunner runner, final VirtualThreads threads,
                      final RingProducer<Cqe> readerCq) {
            this.runner = runner;
            this.threads = threads;
            this.readerCq = readerCq;
            this.sharedCq = ring.newCqProducer();
        }

        @Override
        public void dispatch(final ServerCall call) {
            try {
                threads.start("call", () -> run(call));
            } catch (final RuntimeException | OutOfMemoryError e) {
                runner.refuseAdmitted(call, readerCq, Status.OVERLOADED);
            }
        }

        private void run(final ServerCall call) {
            runner.execute(call, sharedCq, sharedCqLock);
        }

        @Override
        public void stop() {
        }

        /** Closes the shared CQ handle; called once every call thread has ended. */
        void closeSharedCq() {
            sharedCqLock.lock();
            try {
                sharedCq.close();
            } finally {
                sharedCqLock.unlock();
            }
        }
    }
}
