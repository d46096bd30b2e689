package org.capring.service;

/**
 * Phase 5, optional: sees the call's outcome after its last attempt, before it is answered, and may replace it by
 * throwing a typed error (for example to hide an internal failure behind a declared one).
 */
@FunctionalInterface
public interface ResponseFilter {
    /**
     * @param response the outcome
     * @throws Exception to answer with this instead: a {@link org.capring.ring.call.CallException} with its status,
     *                   anything else as an unexpected failure
     */
    void filter(ResponseView response) throws Exception;
}
