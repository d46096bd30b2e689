package org.capring.service;

/**
 * Phase 1, optional: looks at a call before any handler runs. It may let the call go on, answer it here with a
 * result ({@link RequestView#answer}), or refuse it by throwing a typed error.
 *
 * {@snippet :
 * RequestFilter readOnly = request -> {
 *     if (!request.idempotent() && request.caller().kind() == Caller.Kind.CLIENT) {
 *         throw new CapException(9, "read-only replica");   // answered as an application error
 *     }
 *     return RequestFilter.Verdict.CONTINUE;
 * };
 * }
 */
@FunctionalInterface
public interface RequestFilter {
    /** What the filter decided. */
    enum Verdict {
        /** Go on to the route and the handler. */
        CONTINUE,
        /** The filter built the result itself; no handler runs. */
        ANSWERED
    }

    /**
     * @param request the call
     * @return what to do
     * @throws Exception to refuse the call: a {@link org.capring.ring.call.CallException} is answered with its
     *                   status (a transport error built with {@code dispatched=false} stays retry-safe); anything
     *                   else as an unexpected failure
     */
    Verdict filter(RequestView request) throws Exception;
}
