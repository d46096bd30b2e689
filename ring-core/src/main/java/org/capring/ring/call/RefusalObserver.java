package org.capring.ring.call;

/**
 * Told of every CALL entry a {@link RingServer} answers without running a handler: a malformed entry
 * ({@link Status#BAD_SQE}), a handle that resolves to nothing ({@link Status#INVALID_HANDLE}), a wrong interface or
 * method ({@link Status#NO_SUCH_METHOD}), a deadline that passed before dispatch ({@link Status#DEADLINE_EXCEEDED}),
 * a full endpoint queue ({@link Status#OVERLOADED}), a call during shutdown ({@link Status#SHUTTING_DOWN}) and a call
 * cancelled before its handler started ({@link Status#CANCELLED}). Calls whose handler ran are not reported here:
 * the handler (or a container wrapped around it) sees those itself.
 *
 * {@snippet :
 * RefusalObserver log = (capability, capHandle, methodId, status) ->
 *     refusals.increment(); // counts, no allocation
 * RingServer server = RingServer.start(ring, caps, ServerConfig.defaults(), log);
 * }
 *
 * <p><b>Threads.</b> Called on the server thread that answered the entry (the reader, or an endpoint or call thread
 * for a call cancelled or late by the time it was taken), after its CQE was posted, so the caller may already have
 * its answer. It must not block and should not allocate: the reader runs it between entries. An exception it throws
 * is logged and does not stop the server. The success path of a call never calls it.
 */
@FunctionalInterface
public interface RefusalObserver {
    /** Observes nothing (the default). */
    RefusalObserver NONE = (capability, capHandle, methodId, status) -> {
    };

    /**
     * @param capability the capability the entry named, or null if its handle resolved to nothing (or the entry was
     *                   malformed before the handle was read)
     * @param capHandle  the handle the entry carried
     * @param methodId   the method ordinal the entry carried
     * @param status     the transport status it was answered with (negative)
     */
    void refused(Capability capability, int capHandle, int methodId, int status);
}
