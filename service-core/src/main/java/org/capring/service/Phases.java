package org.capring.service;

/**
 * The optional, typed phases of a service's calls, in the order they run for each call:
 * <ol>
 *   <li>{@link RequestFilter}: may answer early or refuse, before any handler;</li>
 *   <li>{@link Route}: chooses the target among those the serving instance holds;</li>
 *   <li>the call: the chosen target's handler (a generated skeleton plugs in as it is);</li>
 *   <li>{@link FailurePolicy}: on a failed attempt, retry (back to the route) or fail;</li>
 *   <li>{@link ResponseFilter}: sees the final outcome, may replace it with a typed error;</li>
 *   <li>{@link CallLog}: the summary of every call once its context closed, refusals and cancellations included.</li>
 * </ol>
 * A null phase is absent and costs nothing. Immutable; the phases themselves must be thread-safe (many calls run
 * them at once).
 *
 * {@snippet :
 * Phases phases = Phases.none()
 *     .withRequestFilter(request -> RequestFilter.Verdict.CONTINUE)
 *     .withLog(summary -> log.info(summary.toString()));
 * }
 *
 * @param requestFilter  phase 1, or null
 * @param route          phase 2, or null (the first target serves)
 * @param failurePolicy  phase 4, or null (no retries)
 * @param responseFilter phase 5, or null
 * @param log            phase 6, or null
 */
public record Phases(RequestFilter requestFilter, Route route, FailurePolicy failurePolicy,
                     ResponseFilter responseFilter, CallLog log) {
    private static final Phases NONE = new Phases(null, null, null, null, null);

    /** @return no phases: every call goes straight to the first target's handler */
    public static Phases none() {
        return NONE;
    }

    /**
     * @param filter the request filter
     * @return a copy with it
     */
    public Phases withRequestFilter(final RequestFilter filter) {
        return new Phases(filter, route, failurePolicy, responseFilter, log);
    }

    /**
     * @param chooser the route
     * @return a copy with it
     */
    public Phases withRoute(final Route chooser) {
        return new Phases(requestFilter, chooser, failurePolicy, responseFilter, log);
    }

    /**
     * @param policy the failure policy
     * @return a copy with it
     */
    public Phases withFailurePolicy(final FailurePolicy policy) {
        return new Phases(requestFilter, route, policy, responseFilter, log);
    }

    /**
     * @param filter the response filter
     * @return a copy with it
     */
    public Phases withResponseFilter(final ResponseFilter filter) {
        return new Phases(requestFilter, route, failurePolicy, filter, log);
    }

    /**
     * @param summaries the logging phase
     * @return a copy with it
     */
    public Phases withLog(final CallLog summaries) {
        return new Phases(requestFilter, route, failurePolicy, responseFilter, summaries);
    }
}
