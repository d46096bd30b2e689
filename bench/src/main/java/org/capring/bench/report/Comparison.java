package org.capring.bench.report;

import java.util.Objects;

/**
 * One capring row against one peer row of the same {@link RowKey}, as ratios oriented so that above 1 means capring
 * is better (see {@link Direction#advantage}).
 *
 * @param capring            capring's row
 * @param peer               the peer's row
 * @param medianAdvantage    capring's median fork against the peer's median fork
 * @param bestForkAdvantage  capring's best fork against the peer's best fork
 * @param worstForkAdvantage capring's worst fork against the peer's worst fork
 */
public record Comparison(ResultRow capring, ResultRow peer, double medianAdvantage, double bestForkAdvantage,
                         double worstForkAdvantage) {
    /**
     * @throws NullPointerException if a row is null
     */
    public Comparison {
        Objects.requireNonNull(capring, "capring");
        Objects.requireNonNull(peer, "peer");
    }

    /**
     * @param capring capring's row
     * @param peer    a peer's row
     * @return the ratios between them
     * @throws IllegalArgumentException if the rows differ in key, metric, unit or direction, so no ratio means
     *                                  anything
     */
    public static Comparison of(final ResultRow capring, final ResultRow peer) {
        if (!capring.key().equals(peer.key())) {
            throw new IllegalArgumentException(capring.subject() + " and " + peer.subject() + " ran different "
                + "workloads: " + capring.key().title() + " vs " + peer.key().title());
        }
        if (!comparable(capring, peer)) {
            throw new IllegalArgumentException(capring.subject() + " (" + capring.metric() + ", " + capring.unit()
                + ") and " + peer.subject() + " (" + peer.metric() + ", " + peer.unit() + ") are not measured alike");
        }
        final Direction direction = capring.direction();
        return new Comparison(capring, peer,
            direction.advantage(capring.stats().median(), peer.stats().median()),
            direction.advantage(direction.bestFork(capring.stats()), direction.bestFork(peer.stats())),
            direction.advantage(direction.worstFork(capring.stats()), direction.worstFork(peer.stats())));
    }

    /**
     * @param capring a row
     * @param peer    another row
     * @return whether {@link #of} accepts them: same key, metric, unit and direction
     */
    public static boolean comparable(final ResultRow capring, final ResultRow peer) {
        return capring.key().equals(peer.key()) && capring.metric().equals(peer.metric())
            && capring.unit().equals(peer.unit()) && capring.direction() == peer.direction();
    }
}
