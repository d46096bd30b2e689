package org.capring.service;

import java.util.Objects;

import org.capring.ring.call.RingClient;

/**
 * What a service exports: the interface its capability implements, that interface's methods, how a holder makes a
 * typed stub from a granted handle, and how the container proves the service READY with a probe call through a ring.
 * Immutable and thread-safe.
 *
 * {@snippet :
 * Export<KeyValue.Client> kv = new Export<>(KeyValue.TYPE_ID,
 *     MethodTable.of(KeyValue.class).idempotent(KeyValue.METHOD_GET),
 *     KeyValue.Client::new,
 *     (stub, deadline) -> {
 *         try (KeyValue.Client.GetCall get = stub.get(deadline)) {
 *             get.params().setKey("probe");
 *             get.invoke();
 *         } catch (KeyValue.NotFoundException answered) {
 *             // an application error is an answer: the service is up
 *         }
 *     });
 * }
 *
 * @param interfaceId the capnp interface id every instance's capabilities implement
 * @param methods     the interface's methods (names, idempotency)
 * @param stub        makes a holder's typed stub from its ring client and the granted handle
 * @param probe       one call (or a few) through the given stub that returns normally once the service answers; it
 *                    runs against a new instance before any client is routed to it
 * @param <T>         the typed stub holders call through
 */
public record Export<T>(long interfaceId, MethodTable methods, StubFactory<T> stub, Probe<T> probe) {

    /**
     * Makes a typed stub for a granted handle.
     *
     * @param <T> the stub type
     */
    @FunctionalInterface
    public interface StubFactory<T> {
        /**
         * @param client the holder's ring client
         * @param handle the handle granted into the holder's CapSet
         * @return the stub
         */
        T stub(RingClient client, int handle);
    }

    /**
     * The readiness probe: calls the instance through the ring and returns normally once it answered. A declared
     * application error the call returns ({@link org.capring.ring.call.CapException} with a status other than
     * {@link org.capring.ring.call.Status#UNEXPECTED}) counts as an answer too: the service ran its handler and
     * answered. An unexpected handler failure, a transport error, a timeout or any other exception means not READY.
     *
     * @param <T> the stub type
     */
    @FunctionalInterface
    public interface Probe<T> {
        /**
         * @param stub          a stub over the host's probe ring, bound to the instance under test
         * @param deadlineNanos when the instance must be READY (on the {@link System#nanoTime()} clock); pass it to
         *                      the stub's calls
         * @throws Exception when the instance did not answer
         */
        void probe(T stub, long deadlineNanos) throws Exception;
    }

    /**
     * @throws NullPointerException if a component is null
     */
    public Export {
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(stub, "stub");
        Objects.requireNonNull(probe, "probe");
    }
}
