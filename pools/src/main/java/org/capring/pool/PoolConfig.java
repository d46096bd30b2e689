package org.capring.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and timings of a {@link KeyedPool}, validated when built. Durations are whole nanoseconds.
 *
 * {@snippet :
 * PoolConfig config = PoolConfig.builder()
 *     .maxTotal(64).maxPerKey(8).maxConnectingPerKey(2)
 *     .acquireTimeout(Duration.ofSeconds(2))
 *     .idleTimeout(Duration.ofSeconds(30))
 *     .build();
 * }
 *
 * <p>Times of idleness, lifetime and lease age are read from a coarse clock the pool refreshes on each maintenance
 * pass and on each slow-path operation, so they are precise to about {@link #maintenanceInterval()}; this keeps the
 * clock off the borrow and return fast path.
 *
 * @param maxTotal            connections of all keys together (leased + idle + connecting), at least 1; default
 *                            {@value #DEFAULT_MAX_TOTAL}
 * @param maxPerKey           connections of one key, 1 to {@code maxTotal}; default {@value #DEFAULT_MAX_PER_KEY}
 * @param maxConnectingPerKey connects in progress for one key, 1 to {@code maxPerKey}; default
 *                            {@value #DEFAULT_MAX_CONNECTING_PER_KEY}
 * @param maxWaiters          acquires that may wait at once (FIFO), at least 0; default {@value #DEFAULT_MAX_WAITERS}
 * @param acquireTimeout      how long {@link KeyedPool#acquire(PoolKey)} waits, including its connect; default
 *                            {@value #DEFAULT_ACQUIRE_TIMEOUT_MS} ms
 * @param connectTimeout      how long one connect may take (capped by what is left of the acquire timeout), positive;
 *                            default {@value #DEFAULT_CONNECT_TIMEOUT_MS} ms
 * @param idleTimeout         an idle connection older than this is closed, positive; default
 *                            {@value #DEFAULT_IDLE_TIMEOUT_MS} ms
 * @param maxLifetime         no connection lives longer than this, positive; default {@value #DEFAULT_MAX_LIFETIME_MS} ms
 * @param lifetimeJitter      each connection's lifetime is shortened by a random amount in [0, jitter] so that
 *                            connections opened together do not expire together; below {@code maxLifetime}; default
 *                            {@value #DEFAULT_LIFETIME_JITTER_MS} ms
 * @param validateAfterIdle   a connection idle this long is validated ({@link Poolable#validate}) before it is lent,
 *                            zero or more (zero: always); default {@value #DEFAULT_VALIDATE_AFTER_IDLE_MS} ms
 * @param validationTimeout   how long one validation may take, positive; default
 *                            {@value #DEFAULT_VALIDATION_TIMEOUT_MS} ms
 * @param leakThreshold       a lease held longer is reported with its key and the borrower's stack; zero turns leak
 *                            detection off (on, every borrow records a stack: it allocates); default 0 (off)
 * @param maintenanceInterval how often the maintenance virtual thread closes idle and expired connections, refreshes
 *                            the coarse clock and looks for leaks; zero runs no thread (call
 *                            {@link KeyedPool#runMaintenance()} yourself); default
 *                            {@value #DEFAULT_MAINTENANCE_INTERVAL_MS} ms
 * @param clock               the time source for idleness, lifetime and lease age; default {@link PoolClock#SYSTEM}
 */
public record PoolConfig(int maxTotal, int maxPerKey, int maxConnectingPerKey, int maxWaiters, Duration acquireTimeout,
                         Duration connectTimeout, Duration idleTimeout, Duration maxLifetime, Duration lifetimeJitter,
                         Duration validateAfterIdle, Duration validationTimeout, Duration leakThreshold,
                         Duration maintenanceInterval, PoolClock clock) {
    /** Default {@link #maxTotal()}. */
    public static final int DEFAULT_MAX_TOTAL = 64;
    /** Default {@link #maxPerKey()}. */
    public static final int DEFAULT_MAX_PER_KEY = 8;
    /** Default {@link #maxConnectingPerKey()}. */
    public static final int DEFAULT_MAX_CONNECTING_PER_KEY = 2;
    /** Default {@link #maxWaiters()}. */
    public static final int DEFAULT_MAX_WAITERS = 1024;
    /** Default {@link #acquireTimeout()} in milliseconds. */
    public static final long DEFAULT_ACQUIRE_TIMEOUT_MS = 5_000;
    /** Default {@link #connectTimeout()} in milliseconds. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
    /** Default {@link #idleTimeout()} in milliseconds. */
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 60_000;
    /** Default {@link #maxLifetime()} in milliseconds. */
    public static final long DEFAULT_MAX_LIFETIME_MS = 1_800_000;
    /** Default {@link #lifetimeJitter()} in milliseconds. */
    public static final long DEFAULT_LIFETIME_JITTER_MS = 60_000;
    /** Default {@link #validateAfterIdle()} in milliseconds. */
    public static final long DEFAULT_VALIDATE_AFTER_IDLE_MS = 5_000;
    /** Default {@link #validationTimeout()} in milliseconds. */
    public static final long DEFAULT_VALIDATION_TIMEOUT_MS = 1_000;
    /** Default {@link #maintenanceInterval()} in milliseconds. */
    public static final long DEFAULT_MAINTENANCE_INTERVAL_MS = 250;

    /**
     * @throws NullPointerException     if a duration or the clock is null
     * @throws IllegalArgumentException naming the first component out of range
     */
    public PoolConfig {
        Objects.requireNonNull(clock, "clock");
        require(maxTotal >= 1, "maxTotal", maxTotal);
        require(maxPerKey >= 1 && maxPerKey <= maxTotal, "maxPerKey (1..maxTotal)", maxPerKey);
        require(maxConnectingPerKey >= 1 && maxConnectingPerKey <= maxPerKey, "maxConnectingPerKey (1..maxPerKey)",
            maxConnectingPerKey);
        require(maxWaiters >= 0, "maxWaiters", maxWaiters);
        require(!negative(acquireTimeout, "acquireTimeout"), "acquireTimeout", acquireTimeout);
        require(positive(connectTimeout, "connectTimeout"), "connectTimeout", connectTimeout);
        require(positive(idleTimeout, "idleTimeout"), "idleTimeout", idleTimeout);
        require(positive(maxLifetime, "maxLifetime"), "maxLifetime", maxLifetime);
        require(!negative(lifetimeJitter, "lifetimeJitter") && lifetimeJitter.compareTo(maxLifetime) < 0,
            "lifetimeJitter (0..maxLifetime)", lifetimeJitter);
        require(!negative(validateAfterIdle, "validateAfterIdle"), "validateAfterIdle", validateAfterIdle);
        require(positive(validationTimeout, "validationTimeout"), "validationTimeout", validationTimeout);
        require(!negative(leakThreshold, "leakThreshold"), "leakThreshold", leakThreshold);
        require(!negative(maintenanceInterval, "maintenanceInterval"), "maintenanceInterval", maintenanceInterval);
        for (final Duration d : new Duration[] {acquireTimeout, connectTimeout, idleTimeout, maxLifetime,
            validateAfterIdle, validationTimeout, leakThreshold, maintenanceInterval}) {
            require(d.compareTo(Duration.ofDays(365)) <= 0, "durations (at most a year)", d);
        }
    }

    /** @return the defaults */
    public static PoolConfig defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static boolean positive(final Duration d, final String name) {
        return Objects.requireNonNull(d, name).compareTo(Duration.ZERO) > 0;
    }

    private static boolean negative(final Duration d, final String name) {
        return Objects.requireNonNull(d, name).isNegative();
    }

    private static void require(final boolean ok, final String name, final Object value) {
        if (!ok) {
            throw new IllegalArgumentException("PoolConfig." + name + " out of range: " + value);
        }
    }

    /** Builds a {@link PoolConfig}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private int maxTotal = DEFAULT_MAX_TOTAL;
        private int maxPerKey = DEFAULT_MAX_PER_KEY;
        private int maxConnectingPerKey = DEFAULT_MAX_CONNECTING_PER_KEY;
        private int maxWaiters = DEFAULT_MAX_WAITERS;
        private Duration acquireTimeout = Duration.ofMillis(DEFAULT_ACQUIRE_TIMEOUT_MS);
        private Duration connectTimeout = Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MS);
        private Duration idleTimeout = Duration.ofMillis(DEFAULT_IDLE_TIMEOUT_MS);
        private Duration maxLifetime = Duration.ofMillis(DEFAULT_MAX_LIFETIME_MS);
        private Duration lifetimeJitter = Duration.ofMillis(DEFAULT_LIFETIME_JITTER_MS);
        private Duration validateAfterIdle = Duration.ofMillis(DEFAULT_VALIDATE_AFTER_IDLE_MS);
        private Duration validationTimeout = Duration.ofMillis(DEFAULT_VALIDATION_TIMEOUT_MS);
        private Duration leakThreshold = Duration.ZERO;
        private Duration maintenanceInterval = Duration.ofMillis(DEFAULT_MAINTENANCE_INTERVAL_MS);
        private PoolClock clock = PoolClock.SYSTEM;

        private Builder() {
        }

        private Builder(final PoolConfig c) {
            maxTotal = c.maxTotal;
            maxPerKey = c.maxPerKey;
            maxConnectingPerKey = c.maxConnectingPerKey;
            maxWaiters = c.maxWaiters;
            acquireTimeout = c.acquireTimeout;
            connectTimeout = c.connectTimeout;
            idleTimeout = c.idleTimeout;
            maxLifetime = c.maxLifetime;
            lifetimeJitter = c.lifetimeJitter;
            validateAfterIdle = c.validateAfterIdle;
            validationTimeout = c.validationTimeout;
            leakThreshold = c.leakThreshold;
            maintenanceInterval = c.maintenanceInterval;
            clock = c.clock;
        }

        /**
         * @param value see {@link PoolConfig#maxTotal()}
         * @return this builder
         */
        public Builder maxTotal(final int value) {
            maxTotal = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#maxPerKey()}
         * @return this builder
         */
        public Builder maxPerKey(final int value) {
            maxPerKey = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#maxConnectingPerKey()}
         * @return this builder
         */
        public Builder maxConnectingPerKey(final int value) {
            maxConnectingPerKey = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#maxWaiters()}
         * @return this builder
         */
        public Builder maxWaiters(final int value) {
            maxWaiters = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#acquireTimeout()}
         * @return this builder
         */
        public Builder acquireTimeout(final Duration value) {
            acquireTimeout = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#connectTimeout()}
         * @return this builder
         */
        public Builder connectTimeout(final Duration value) {
            connectTimeout = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#idleTimeout()}
         * @return this builder
         */
        public Builder idleTimeout(final Duration value) {
            idleTimeout = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#maxLifetime()}
         * @return this builder
         */
        public Builder maxLifetime(final Duration value) {
            maxLifetime = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#lifetimeJitter()}
         * @return this builder
         */
        public Builder lifetimeJitter(final Duration value) {
            lifetimeJitter = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#validateAfterIdle()}
         * @return this builder
         */
        public Builder validateAfterIdle(final Duration value) {
            validateAfterIdle = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#validationTimeout()}
         * @return this builder
         */
        public Builder validationTimeout(final Duration value) {
            validationTimeout = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#leakThreshold()}
         * @return this builder
         */
        public Builder leakThreshold(final Duration value) {
            leakThreshold = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#maintenanceInterval()}
         * @return this builder
         */
        public Builder maintenanceInterval(final Duration value) {
            maintenanceInterval = value;
            return this;
        }

        /**
         * @param value see {@link PoolConfig#clock()}
         * @return this builder
         */
        public Builder clock(final PoolClock value) {
            clock = value;
            return this;
        }

        /**
         * @return the configuration
         * @throws NullPointerException     if a duration or the clock is null
         * @throws IllegalArgumentException naming the first value out of range
         */
        public PoolConfig build() {
            return new PoolConfig(maxTotal, maxPerKey, maxConnectingPerKey, maxWaiters, acquireTimeout,
                connectTimeout, idleTimeout, maxLifetime, lifetimeJitter, validateAfterIdle, validationTimeout,
                leakThreshold, maintenanceInterval, clock);
        }
    }
}
