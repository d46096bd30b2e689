package org.capring.service;

/**
 * Phase 2, optional: chooses which of the serving instance's targets (the capabilities its start returned) serves
 * this attempt. Without a route, the first target serves every call.
 *
 * {@snippet :
 * Route byKey = request -> Math.floorMod(request.get(SHARD), request.targets());
 * }
 */
@FunctionalInterface
public interface Route {
    /**
     * @param request the call and its targets
     * @return the index of the target in [0, {@link RouteView#targets()}); anything else fails the call
     */
    int choose(RouteView request);
}
