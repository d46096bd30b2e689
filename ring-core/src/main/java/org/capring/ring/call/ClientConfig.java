package org.capring.ring.call;

import java.util.Objects;

/**
 * Configuration of a {@link RingClient}; validated when built.
 *
 * @param completion          who reaps completions (default {@link CompletionMode#CALLER_REAPS})
 * @param reapBatch           most CQEs reaped per drain (default {@value #DEFAULT_REAP_BATCH})
 * @param releaseBatch        queued RELEASEs that trigger a flush of their own (default
 *                            {@value #DEFAULT_RELEASE_BATCH}); fewer travel with the next call
 * @param traversalLimitWords capnp traversal budget for reading one result, in words (default
 *                            {@value ServerConfig#DEFAULT_TRAVERSAL_LIMIT_WORDS})
 * @param nestingLimit        capnp nesting limit for results (default {@value ServerConfig#DEFAULT_NESTING_LIMIT})
 * @param spinRounds          {@link Thread#onSpinWait()} rounds the reaper polls the CQ before it parks (default
 *                            {@link ServerConfig#defaultSpinRounds()}; 0 parks at once; spins only while a
 *                            {@link org.capring.ring.SpinBudget} permit says a core is free);
 *                            callers that are not reaping never spin
 */
public record ClientConfig(
    CompletionMode completion, int reapBatch, int releaseBatch, long traversalLimitWords, int nestingLimit,
    int spinRounds) {

    /** Default CQEs per reap. */
    public static final int DEFAULT_REAP_BATCH = 64;
    /** Default release flush threshold. */
    public static final int DEFAULT_RELEASE_BATCH = 16;

    /**
     * @throws NullPointerException     if completion is null
     * @throws IllegalArgumentException if a number is out of range
     */
    public ClientConfig {
        Objects.requireNonNull(completion, "completion");
        if (reapBatch < 1) {
            throw new IllegalArgumentException("reapBatch must be at least 1: " + reapBatch);
        }
        if (releaseBatch < 1) {
            throw new IllegalArgumentException("releaseBatch must be at least 1: " + releaseBatch);
        }
        if (traversalLimitWords < 1 || nestingLimit < 1) {
            throw new IllegalArgumentException("read limits must be positive: " + traversalLimitWords + ", " + nestingLimit);
        }
        if (spinRounds < 0) {
            throw new IllegalArgumentException("spinRounds must not be negative: " + spinRounds);
        }
    }

    /**
     * @return the defaults
     * @throws IllegalArgumentException if the {@value ServerConfig#SPIN_ROUNDS_PROPERTY} property is malformed
     */
    public static ClientConfig defaults() {
        return new ClientConfig(CompletionMode.CALLER_REAPS, DEFAULT_REAP_BATCH, DEFAULT_RELEASE_BATCH,
            ServerConfig.DEFAULT_TRAVERSAL_LIMIT_WORDS, ServerConfig.DEFAULT_NESTING_LIMIT, ServerConfig.defaultSpinRounds());
    }

    /**
     * @param mode completion mode
     * @return a copy with that mode
     */
    public ClientConfig withCompletion(final CompletionMode mode) {
        return new ClientConfig(mode, reapBatch, releaseBatch, traversalLimitWords, nestingLimit, spinRounds);
    }

    /**
     * @param rounds spin rounds of the reaper before parking
     * @return a copy with that many
     */
    public ClientConfig withSpinRounds(final int rounds) {
        return new ClientConfig(completion, reapBatch, releaseBatch, traversalLimitWords, nestingLimit, rounds);
    }

    /**
     * @param threshold release flush threshold
     * @return a copy with that threshold
     */
    public ClientConfig withReleaseBatch(final int threshold) {
        return new ClientConfig(completion, reapBatch, threshold, traversalLimitWords, nestingLimit, spinRounds);
    }
}
