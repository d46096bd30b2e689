package org.capring.ring.call;

/** How a {@link RingServer} runs the handlers of valid calls. */
public enum DispatchMode {
    /**
     * The reader runs each handler itself, in SQ order. Fewest hand-offs (lowest latency); a blocking handler
     * holds up every later call of the ring. For handlers that never block.
     */
    INLINE,
    /**
     * Each capability gets an endpoint: a receive/return loop on its own virtual thread with a bounded queue.
     * Calls to one capability run one at a time in order; capabilities do not hold each other up. A full
     * endpoint queue answers {@link Status#OVERLOADED}. A call to a capability declared
     * {@link Capability#nonBlocking() non-blocking} that has nothing queued or running runs on the reader
     * itself (still one at a time and in order), which saves the hand-off to the endpoint's thread.
     */
    ENDPOINT_LOOP,
    /** Every call runs on a new virtual thread. Unbounded concurrency; allocates a thread per call. */
    THREAD_PER_CALL
}
