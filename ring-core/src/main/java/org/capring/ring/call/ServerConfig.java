package org.capring.ring.call;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a {@link RingServer}; validated when built.
 *
 * @param dispatch            how handlers run (default {@link DispatchMode#ENDPOINT_LOOP})
 * @param batch               most SQEs the reader takes per drain (default {@value #DEFAULT_BATCH})
 * @param endpointQueue       capacity of each endpoint's queue (default {@value #DEFAULT_ENDPOINT_QUEUE})
 * @param traversalLimitWords capnp traversal budget for reading one call's params, in 8-byte words
 *                            (default {@value #DEFAULT_TRAVERSAL_LIMIT_WORDS}): bounds the work a message
 *                            that points at the same data many times can cause
 * @param nestingLimit        capnp pointer nesting limit for params (default {@value #DEFAULT_NESTING_LIMIT})
 * @param shutdownGrace       how long {@link RingServer#close()} lets in-flight calls finish before it
 *                            cancels them (default 5 s)
 * @param spinRounds          {@link Thread#onSpinWait()} rounds the reader and the endpoints poll before they
 *                            park (default {@link #defaultSpinRounds()}; 0 parks at once; spins only while a
 *                            {@link org.capring.ring.SpinBudget} permit says a core is free)
 */
public record ServerConfig(
    DispatchMode dispatch,
    int batch,
    int endpointQueue,
    long traversalLimitWords,
    int nestingLimit,
    Duration shutdownGrace,
    int spinRounds) {

    /** Default SQEs per drain. */
    public static final int DEFAULT_BATCH = 64;
    /** Default endpoint queue capacity. */
    public static final int DEFAULT_ENDPOINT_QUEUE = 1024;
    /** Default traversal budget: 64 Ki words (512 KiB) per call. */
    public static final long DEFAULT_TRAVERSAL_LIMIT_WORDS = 64 * 1024;
    /** Default nesting limit. */
    public static final int DEFAULT_NESTING_LIMIT = 64;
    /**
     * Default spin rounds before parking, unless the system property {@value #SPIN_ROUNDS_PROPERTY} says otherwise
     * ({@link #defaultSpinRounds()}). A round is one poll and one {@link Thread#onSpinWait()}; spinning only runs
     * while a {@link org.capring.ring.SpinBudget} permit is free, so on one processor nothing spins. 64 rounds cover
     * a hand-off to a thread already running on the other core, which is what a call waits for when its handler is
     * short; the call benchmarks ({@code CapringCall} against {@code CapringCallNoSpin}) measure the difference.
     */
    public static final int DEFAULT_SPIN_ROUNDS = 64;
    /** System property that overrides {@link #DEFAULT_SPIN_ROUNDS} for every default configuration (soak runs). */
    public static final String SPIN_ROUNDS_PROPERTY = "capring.spinRounds";

    /**
     * @throws NullPointerException     if dispatch or shutdownGrace is null
     * @throws IllegalArgumentException if a number is out of range
     */
    public ServerConfig {
        Objects.requireNonNull(dispatch, "dispatch");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1: " + batch);
        }
        if (endpointQueue < 2) {
            throw new IllegalArgumentException("endpointQueue must be at least 2: " + endpointQueue);
        }
        if (traversalLimitWords < 1) {
            throw new IllegalArgumentException("traversalLimitWords must be positive: " + traversalLimitWords);
        }
        if (nestingLimit < 1) {
            throw new IllegalArgumentException("nestingLimit must be positive: " + nestingLimit);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative: " + shutdownGrace);
        }
        if (spinRounds < 0) {
            throw new IllegalArgumentException("spinRounds must not be negative: " + spinRounds);
        }
    }

    /** @return the defaults */
    public static ServerConfig defaults() {
        return new ServerConfig(DispatchMode.ENDPOINT_LOOP, DEFAULT_BATCH, DEFAULT_ENDPOINT_QUEUE,
            DEFAULT_TRAVERSAL_LIMIT_WORDS, DEFAULT_NESTING_LIMIT, Duration.ofSeconds(5), defaultSpinRounds());
    }

    /**
     * The spin rounds of {@link #defaults()} and {@link ClientConfig#defaults()}: the system property
     * {@value #SPIN_ROUNDS_PROPERTY} if set, else {@value #DEFAULT_SPIN_ROUNDS}.
     *
     * @return spin rounds before parking
     * @throws IllegalArgumentException if the property is set but is not a non-negative integer
     */
    public static int defaultSpinRounds() {
        final String value = System.getProperty(SPIN_ROUNDS_PROPERTY);
        if (value == null) {
            return DEFAULT_SPIN_ROUNDS;
        }
        try {
            final int rounds = Integer.parseInt(value.strip());
            if (rounds >= 0) {
                return rounds;
            }
        } catch (final NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(SPIN_ROUNDS_PROPERTY + " must be a non-negative integer: '" + value + "'");
    }

    /**
     * @param mode dispatch mode
     * @return a copy with that mode
     */
    public ServerConfig withDispatch(final DispatchMode mode) {
        return new ServerConfig(mode, batch, endpointQueue, traversalLimitWords, nestingLimit, shutdownGrace, spinRounds);
    }

    /**
     * @param words traversal budget per call
     * @param depth nesting limit
     * @return a copy with those limits
     */
    public ServerConfig withReadLimits(final long words, final int depth) {
        return new ServerConfig(dispatch, batch, endpointQueue, words, depth, shutdownGrace, spinRounds);
    }

    /**
     * @param capacity endpoint queue capacity
     * @return a copy with that capacity
     */
    public ServerConfig withEndpointQueue(final int capacity) {
        return new ServerConfig(dispatch, batch, capacity, traversalLimitWords, nestingLimit, shutdownGrace, spinRounds);
    }

    /**
     * @param rounds spin rounds before parking
     * @return a copy with that many
     */
    public ServerConfig withSpinRounds(final int rounds) {
        return new ServerConfig(dispatch, batch, endpointQueue, traversalLimitWords, nestingLimit, shutdownGrace, rounds);
    }

    /**
     * @param grace shutdown grace period
     * @return a copy with that grace period
     */
    public ServerConfig withShutdownGrace(final Duration grace) {
        return new ServerConfig(dispatch, batch, endpointQueue, traversalLimitWords, nestingLimit, grace, spinRounds);
    }
}
