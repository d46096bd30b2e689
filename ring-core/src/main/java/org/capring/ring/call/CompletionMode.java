package org.capring.ring.call;

/** Who reaps a {@link RingClient}'s completion queue and wakes the waiting callers. */
public enum CompletionMode {
    /**
     * A waiting caller reaps: the first takes the reaper role, drains the CQ in batches, completes and wakes the
     * others, and parks on the CQ itself (NEED_WAKEUP) while its own call is outstanding; when its call
     * completes it hands the role to another waiting caller. A lone caller therefore costs two virtual-thread
     * hand-offs per call (caller to server, server to caller) and no extra thread.
     */
    CALLER_REAPS,
    /**
     * A dedicated virtual thread reaps the CQ and wakes callers; callers only park on their slot. One more
     * hand-off per call than {@link #CALLER_REAPS}, but callers never touch the CQ.
     */
    REAPER_THREAD
}
