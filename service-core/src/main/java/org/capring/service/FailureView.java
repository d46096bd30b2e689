package org.capring.service;

import org.capring.ring.call.CallException;

/** What a {@link FailurePolicy} sees: the failed attempt, whether its handler ran, and whether the method is idempotent. */
public interface FailureView extends CallView {
    /** @return 1 for the first attempt, 2 for the first retry, ... */
    int attempt();

    /** @return true if the failed attempt's handler had started (side effects may have happened) */
    boolean dispatched();

    /** @return the status the attempt failed with */
    int status();

    /** @return the attempt's failure ({@link CallException} for typed errors, else what the handler threw) */
    Throwable error();
}
