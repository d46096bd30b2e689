package org.capring.service;

/** What a {@link Route} sees: the call, which attempt this is, and the targets it may choose among. */
public interface RouteView extends CallView {
    /** @return 1 for the first attempt, 2 for the first retry, ... */
    int attempt();

    /** @return how many targets the serving instance holds */
    int targets();

    /**
     * @param index a target index in [0, {@link #targets()})
     * @return that target's name (its capability's name)
     */
    String targetName(int index);
}
