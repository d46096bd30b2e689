package org.capring.service;

/**
 * The lifecycle of a service and of each instance that serves it: {@code NEW → STARTING → READY → DRAINING → STOPPED},
 * or {@code FAILED} from any of them. Each transition happens once; {@link #STOPPED} and {@link #FAILED} are terminal.
 */
public enum ServiceState {
    /** Added, not started. */
    NEW,
    /** Its start runs: resources, dependencies, then the readiness probe through the ring. */
    STARTING,
    /** Its probe call answered through the ring: it serves calls. */
    READY,
    /** New calls are refused with SHUTTING_DOWN before dispatch; calls in flight finish or are cancelled. */
    DRAINING,
    /** Drained, tasks joined, resources closed. Terminal. */
    STOPPED,
    /** Failed; {@link Readiness#failure()} holds the cause. Terminal. */
    FAILED;

    /** @return true for {@link #STOPPED} and {@link #FAILED} */
    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
