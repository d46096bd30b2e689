package org.capring.service;

/**
 * Phase 4, optional: decides whether a failed attempt is retried (through the route again). The container retries
 * only within {@link ServiceConfig#maxAttempts()}, never a cancelled call or one past its deadline, and never an
 * attempt that was dispatched to a method that is not idempotent, whatever the policy says. Without a policy,
 * nothing is retried.
 *
 * {@snippet :
 * FailurePolicy retryRefusals = failure -> !failure.dispatched() || failure.idempotent()
 *     ? FailurePolicy.Decision.RETRY : FailurePolicy.Decision.FAIL;
 * }
 */
@FunctionalInterface
public interface FailurePolicy {
    /** What to do with a failed attempt. */
    enum Decision {
        /** Try again. */
        RETRY,
        /** Answer with the failure. */
        FAIL
    }

    /**
     * @param failure the failed attempt
     * @return retry or fail
     */
    Decision decide(FailureView failure);
}
