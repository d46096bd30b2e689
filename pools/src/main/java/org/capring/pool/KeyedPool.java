package org.capring.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * A connection pool keyed by {@link PoolKey}: a connection is only ever lent for a key equal, field by field, to the
 * one it was opened for, and only after its protocol state was found fully consumed when it came back.
 *
 * {@snippet :
 * PoolMetrics metrics = PoolMetrics.register(new PrometheusRegistry());
 * try (KeyedPool<CapnpConnection> pool = new KeyedPool<>("upstream", PoolConfig.defaults(), connector, metrics)) {
 *     try (Lease<CapnpConnection> lease = pool.acquire(key)) {
 *         lease.connection().send(request);
 *         MessageReader reply = lease.connection().receive();
 *     }
 * }
 * }
 *
 * <h2>Limits and waiting</h2>
 * Every connection holds a permit from the moment its connect starts until it is closed; a key holds at most
 * {@link PoolConfig#maxPerKey()}, connects at most {@link PoolConfig#maxConnectingPerKey()} at once, and all keys
 * together hold at most {@link PoolConfig#maxTotal()}. An acquire that finds no idle connection and no permit waits
 * in one FIFO queue of at most {@link PoolConfig#maxWaiters()} entries; when the global limit is what blocks it and
 * another key has an idle connection, that connection is closed ({@link CloseReason#EVICTED}) to make room. A freed
 * connection or permit goes to the oldest waiter that can use it (waiters held back only by their own key's limit do
 * not block waiters of other keys). Timeouts name the limit that held the acquire back
 * ({@link AcquireTimeoutException#limit()}).
 *
 * <h2>Protocol</h2>
 * The borrow and return fast path takes no lock and allocates nothing but the {@link Lease} (which the JIT removes
 * when the lease does not escape the borrowing method): the key's slots are scanned from a start index derived from
 * the calling thread's id, so that threads tend to find their own connection again (thread affinity without a
 * {@code ThreadLocal}), and a connection is taken and given back by one CAS on its stamp (generation and state, see
 * {@code PooledEntry}). Everything else (connects, waiting, closing, revocation, limits) happens under one
 * {@link ReentrantLock} (never {@code synchronized}: waiting virtual threads do not pin their carrier), with every
 * connection's {@link Poolable#close()} and every connect run outside it. The fast path defers to the slow path while
 * anyone waits, which keeps waiting FIFO. A return publishes the idle state with a CAS (a full fence) and then reads
 * the waiter count, while a waiter registers (under the lock) before it looks for idle connections: one of the two
 * always sees the other, so no wake-up is lost. Revocation and close set their flag before they sweep idle
 * connections, and returns re-read the flags after publishing the idle state, for the same reason.
 *
 * <h2>Accounting</h2>
 * For every key, {@code leased + idle + closing + connecting = permits <= maxPerKey}, and the sum over all keys is at
 * most {@code maxTotal}, after every operation on every path: an acquire that times out or is interrupted while
 * waiting gives back whatever was handed to it concurrently; a connect that fails or is fenced gives its permit back;
 * a discarded or uncleanly returned connection gives its permit back once. After {@link #close()} and the return of
 * every lease, every count is 0. {@link #stats()} shows the counts.
 *
 * <p>Thread-safe. Works from virtual threads.
 *
 * @param <C> the connection type
 */
public final class KeyedPool<C extends Poolable> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KeyedPool.class.getName());
    /** The outcome of a waiter that may open a connection itself: a permit was reserved for it. */
    private static final Object PERMIT = new Object();
    /** A connect started within the acquire timeout always gets at least this long. */
    private static final long MIN_CONNECT_NANOS = 1_000_000;

    private final String name;
    private final PoolConfig config;
    private final Connector<C> connector;
    private final PoolMetrics metrics;
    private final PoolClock clock;
    private final long acquireTimeoutNanos;
    private final long connectTimeoutNanos;
    private final long idleTimeoutNanos;
    private final long maxLifetimeNanos;
    private final long lifetimeJitterNanos;
    private final long validateAfterIdleNanos;
    private final long validationTimeoutNanos;
    private final long leakThresholdNanos;

    private final ConcurrentHashMap<PoolKey, KeyState<C>> keys = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition maintenanceWake = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<Waiter<C>> waiters = new ArrayDeque<>();
    /** Lowest valid epoch by authority id; guarded by {@link #lock}. */
    private final Map<Long, Long> minimumEpochs = new HashMap<>();
    /** Entries retired under the lock whose connections are closed once it is released; guarded by {@link #lock}. */
    private final List<PooledEntry<C>> toClose = new ArrayList<>();
    /** Guarded by {@link #lock}. */
    private int totalPermits;
    /** Guarded by {@link #lock}. */
    private long nextKeyId;
    /** Number of waiters; written under the lock, read by the fast path (volatile: see the class comment). */
    private volatile int waiting;
    private volatile boolean closed;
    /** The coarse clock: refreshed by maintenance and by slow-path operations. */
    private volatile long coarseNow;
    private final AtomicLong leaksReported = new AtomicLong();
    private final Thread maintenance;

    /**
     * Creates a pool and, unless {@link PoolConfig#maintenanceInterval()} is zero, starts its maintenance virtual
     * thread.
     *
     * @param name      the pool's name in metrics labels and logs
     * @param config    limits and timings
     * @param connector opens connections for keys
     * @param metrics   where to report (one {@link PoolMetrics} per registry, shared by its pools)
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code name} is empty or another pool of that name reports to
     *                                  {@code metrics}
     */
    public KeyedPool(final String name, final PoolConfig config, final Connector<C> connector,
                     final PoolMetrics metrics) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty pool name");
        }
        this.config = Objects.requireNonNull(config, "config");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        clock = config.clock();
        acquireTimeoutNanos = config.acquireTimeout().toNanos();
        connectTimeoutNanos = config.connectTimeout().toNanos();
        idleTimeoutNanos = config.idleTimeout().toNanos();
        maxLifetimeNanos = config.maxLifetime().toNanos();
        lifetimeJitterNanos = config.lifetimeJitter().toNanos();
        validateAfterIdleNanos = config.validateAfterIdle().toNanos();
        validationTimeoutNanos = config.validationTimeout().toNanos();
        leakThresholdNanos = config.leakThreshold().toNanos();
        coarseNow = clock.nanoTime();
        metrics.attach(this);
        if (config.maintenanceInterval().isZero()) {
            maintenance = null;
        } else {
            final long interval = config.maintenanceInterval().toNanos();
            maintenance = Thread.ofVirtual().name("capring-pool-" + name + "-maintenance")
                .start(() -> maintenanceLoop(interval));
        }
    }

    /** @return the pool's name */
    public String name() {
        return name;
    }

    /** @return the pool's configuration */
    public PoolConfig config() {
        return config;
    }

    /**
     * Lends a connection for {@code key}, waiting at most {@link PoolConfig#acquireTimeout()}.
     *
     * @param key what the connection must be, exactly
     * @return a lease on an idle connection of an equal key, or on a new one
     * @throws AcquireTimeoutException   if none came within the timeout (names the limit)
     * @throws WaitQueueFullException    if it would have to wait and {@link PoolConfig#maxWaiters()} already wait
     * @throws ConnectFailedException    if the connect it made failed
     * @throws RevokedAuthorityException if the key's authority epoch was revoked (also while it waited)
     * @throws PoolClosedException       if the pool is or gets closed
     * @throws InterruptedException      if interrupted while waiting (nothing is lost: what was handed to it is
     *                                   given back)
     * @throws NullPointerException      if {@code key} is null
     */
    public Lease<C> acquire(final PoolKey key) throws PoolException, InterruptedException {
        return acquireNanos(key, acquireTimeoutNanos);
    }

    /**
     * Lends a connection for {@code key}, waiting at most {@code timeout}. With {@link Duration#ZERO} it never queues
     * (it still connects when a permit is free) and a refusal names the limit at once.
     *
     * @param key     what the connection must be, exactly
     * @param timeout how long to wait, not negative
     * @return a lease on an idle connection of an equal key, or on a new one
     * @throws AcquireTimeoutException   if none came within the timeout (names the limit)
     * @throws WaitQueueFullException    if it would have to wait and {@link PoolConfig#maxWaiters()} already wait
     * @throws ConnectFailedException    if the connect it made failed
     * @throws RevokedAuthorityException if the key's authority epoch was revoked
     * @throws PoolClosedException       if the pool is or gets closed
     * @throws InterruptedException      if interrupted while waiting
     * @throws NullPointerException      if an argument is null
     * @throws IllegalArgumentException  if {@code timeout} is negative
     */
    public Lease<C> acquire(final PoolKey key, final Duration timeout) throws PoolException, InterruptedException {
        if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        return acquireNanos(key, timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE / 4 : timeout.toNanos());
    }

    private Lease<C> acquireNanos(final PoolKey key, final long timeoutNanos)
        throws PoolException, InterruptedException {
        Objects.requireNonNull(key, "key");
        PooledEntry<C> entry = null;
        if (waiting == 0 && !closed) {
            final KeyState<C> state = keys.get(key);
            if (state != null) {
                entry = takeIdle(state);
            }
        }
        if (entry == null) {
            entry = acquireSlow(key, timeoutNanos);
        }
        return new Lease<>(this, entry, PooledEntry.generation(entry.stampVolatile()));
    }

    /** Lock-free: takes an idle connection of the key, checked and ready, or returns null. */
    private PooledEntry<C> takeIdle(final KeyState<C> state) {
        final int n = state.slots.length;
        int i = affinity(n);
        for (int k = 0; k < n; k++) {
            final PooledEntry<C> entry = state.slotAcquire(i);
            if (entry != null && entry.casLease() >= 0 && prepareBorrow(entry)) {
                return entry;
            }
            if (++i == n) {
                i = 0;
            }
        }
        return null;
    }

    private static int affinity(final int n) {
        if (n == 1) {
            return 0;
        }
        final long mixed = Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L;
        return (int) ((mixed >>> 32) % n);
    }

    /**
     * The borrower of a freshly taken entry checks it: authority, lifetime, bytes that arrived while idle, validation
     * after a long idle period. A failed check closes it.
     *
     * @return whether the entry may be lent
     */
    private boolean prepareBorrow(final PooledEntry<C> entry) {
        final long now = coarseNow;
        CloseReason reason = entry.poison;
        if (reason == null) {
            if (entry.keyState.revoked) {
                reason = CloseReason.REVOKED;
            } else if (closed) {
                reason = CloseReason.POOL_CLOSED;
            } else if (now - entry.expiresAt >= 0) {
                reason = CloseReason.MAX_LIFETIME;
            } else {
                reason = entry.resource.checkIdle();
                if (reason == null && now - entry.idleSince >= validateAfterIdleNanos
                    && !entry.resource.validate(validationTimeoutNanos)) {
                    reason = CloseReason.VALIDATION_FAILED;
                }
            }
        }
        if (reason != null) {
            entry.setClosingByOwner();
            retire(entry, reason);
            return false;
        }
        startLease(entry, now);
        return true;
    }

    private void startLease(final PooledEntry<C> entry, final long now) {
        entry.leaseStart = now;
        if (leakThresholdNanos > 0) {
            entry.borrowedAt = new Throwable("borrowed by " + Thread.currentThread());
        }
    }

    private PooledEntry<C> acquireSlow(final PoolKey key, final long timeoutNanos)
        throws PoolException, InterruptedException {
        final long start = System.nanoTime();
        final long deadline = start + timeoutNanos;
        // Set once a connection handed to this acquire failed its borrow checks: it queues again at the front.
        boolean servedBefore = false;
        while (true) {
            KeyState<C> state;
            PooledEntry<C> handed = null;
            boolean mayConnect = false;
            lock.lock();
            try {
                // Volatile store: refreshes the coarse clock the fast paths read for idle time, lifetime and lease age.
                coarseNow = clock.nanoTime();
                if (closed) {
                    throw new PoolClosedException(key);
                }
                final long minimum = minimumEpoch(key);
                if (key.authorityEpoch() < minimum) {
                    throw new RevokedAuthorityException(key, minimum);
                }
                state = keyState(key);
                Limit blocked = Limit.MAX_TOTAL;
                final int othersWait = waiters.size();
                if (othersWait == 0) {
                    handed = claimIdle(state);
                    if (handed == null) {
                        blocked = reserve(state);
                        if (blocked == Limit.MAX_TOTAL && evictIdleExcept(state)) {
                            blocked = reserve(state);
                        }
                        mayConnect = blocked == null;
                    }
                } else {
                    blocked = blockingLimit(state);
                }
                if (handed == null && !mayConnect) {
                    if (timeoutNanos <= 0 && othersWait == 0) {
                        // A zero timeout does not wait: it names the limit at once. (Behind other waiters it queues
                        // for an instant instead, below: the queue may serve it in its turn at once.)
                        throw new AcquireTimeoutException(key, blocked, 0);
                    }
                    final Object outcome = await(enqueue(state, key, blocked, servedBefore), deadline, timeoutNanos);
                    if (outcome == PERMIT) {
                        mayConnect = true;
                    } else {
                        @SuppressWarnings("unchecked")
                        final PooledEntry<C> entry = (PooledEntry<C>) outcome;
                        handed = entry;
                    }
                }
            } finally {
                unlockAndClose();
            }
            if (mayConnect) {
                return connect(state, deadline, start);
            }
            if (prepareBorrow(handed)) {
                metrics.waited(state, System.nanoTime() - start);
                return handed;
            }
            // The handed connection failed its borrow checks and was closed; try again within the same deadline, still
            // first in line (a dead connection must not send the oldest waiter to the back of the queue).
            servedBefore = true;
        }
    }

    /** Under the lock: queues an acquire (at the front if it was served before), or refuses it if the queue is full. */
    private Waiter<C> enqueue(final KeyState<C> state, final PoolKey key, final Limit blocked, final boolean front)
        throws WaitQueueFullException {
        if (waiters.size() >= config.maxWaiters()) {
            throw new WaitQueueFullException(key, waiters.size());
        }
        final Waiter<C> waiter = new Waiter<>(state, lock.newCondition(), blocked);
        if (front) {
            waiters.addFirst(waiter);
        } else {
            waiters.addLast(waiter);
        }
        state.waiting++;
        // Volatile store: tells the fast paths (borrow and return) that someone waits; see the class comment.
        waiting = waiters.size();
        rebalance();
        return waiter;
    }

    /** Under the lock: waits until the waiter is served, times out or is interrupted. */
    private Object await(final Waiter<C> waiter, final long deadline, final long timeoutNanos)
        throws PoolException, InterruptedException {
        try {
            while (waiter.outcome == null) {
                final long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    dequeue(waiter);
                    throw new AcquireTimeoutException(waiter.state.key, waiter.blockedBy, timeoutNanos);
                }
                waiter.condition.awaitNanos(remaining);
            }
        } catch (final InterruptedException e) {
            if (waiter.outcome == null) {
                dequeue(waiter);
            } else {
                giveBack(waiter);
            }
            throw e;
        }
        if (waiter.outcome instanceof PoolException refusal) {
            throw refusal;
        }
        return waiter.outcome;
    }

    private void dequeue(final Waiter<C> waiter) {
        waiters.remove(waiter);
        waiter.state.waiting--;
        // Volatile store: see enqueue.
        waiting = waiters.size();
        // Its place in the queue may have held others back.
        rebalance();
    }

    /** Under the lock: an interrupted waiter hands back what it was given while it was being interrupted. */
    private void giveBack(final Waiter<C> waiter) {
        if (waiter.outcome == PERMIT) {
            unreserve(waiter.state);
        } else if (waiter.outcome instanceof PooledEntry<?> raw) {
            @SuppressWarnings("unchecked")
            final PooledEntry<C> entry = (PooledEntry<C>) raw;
            final long s = entry.stampVolatile();
            entry.cas(s, PooledEntry.stamp(PooledEntry.generation(s), PooledEntry.IDLE));
            if ((closed || entry.keyState.revoked) && entry.casClosingIfIdle()) {
                removeLocked(entry, closed ? CloseReason.POOL_CLOSED : CloseReason.REVOKED);
            }
        }
        rebalance();
    }

    /**
     * Under the lock: serves waiters in FIFO order with idle connections of their key or with permits, and fails the
     * waiters of revoked keys and of a closed pool.
     */
    private void rebalance() {
        for (final Iterator<Waiter<C>> it = waiters.iterator(); it.hasNext(); ) {
            final Waiter<C> waiter = it.next();
            final KeyState<C> state = waiter.state;
            Object outcome;
            if (closed) {
                outcome = new PoolClosedException(state.key);
            } else if (state.revoked) {
                outcome = new RevokedAuthorityException(state.key, minimumEpoch(state.key));
            } else {
                outcome = claimIdle(state);
                if (outcome == null) {
                    Limit blocked = reserve(state);
                    if (blocked == Limit.MAX_TOTAL && evictIdleExcept(state)) {
                        blocked = reserve(state);
                    }
                    if (blocked != null) {
                        waiter.blockedBy = blocked;
                        continue;
                    }
                    outcome = PERMIT;
                }
            }
            it.remove();
            state.waiting--;
            waiter.outcome = outcome;
            waiter.condition.signal();
        }
        // Volatile store: see enqueue.
        waiting = waiters.size();
    }

    /** Under the lock: takes an idle connection of the key for a waiter or the slow path (checked by the taker). */
    private PooledEntry<C> claimIdle(final KeyState<C> state) {
        for (int i = 0; i < state.slots.length; i++) {
            final PooledEntry<C> entry = state.slotAcquire(i);
            if (entry != null && entry.casLease() >= 0) {
                return entry;
            }
        }
        return null;
    }

    /** Under the lock: takes a permit for a connect of the key, or names the limit that forbids it. */
    private Limit reserve(final KeyState<C> state) {
        final Limit blocked = blockingLimit(state);
        if (blocked == null) {
            state.permits++;
            state.connecting++;
            totalPermits++;
        }
        return blocked;
    }

    private Limit blockingLimit(final KeyState<C> state) {
        if (state.permits >= config.maxPerKey()) {
            return Limit.MAX_PER_KEY;
        }
        if (state.connecting >= config.maxConnectingPerKey()) {
            return Limit.MAX_CONNECTING_PER_KEY;
        }
        if (totalPermits >= config.maxTotal()) {
            return Limit.MAX_TOTAL;
        }
        return null;
    }

    private void unreserve(final KeyState<C> state) {
        state.connecting--;
        state.permits--;
        totalPermits--;
    }

    /** Under the lock: closes one idle connection of another key to free a global permit. */
    private boolean evictIdleExcept(final KeyState<C> needy) {
        for (final KeyState<C> state : keys.values()) {
            if (state == needy) {
                continue;
            }
            for (int i = 0; i < state.slots.length; i++) {
                final PooledEntry<C> entry = state.slotAcquire(i);
                if (entry != null && entry.casClosingIfIdle()) {
                    removeLocked(entry, CloseReason.EVICTED);
                    return true;
                }
            }
        }
        return false;
    }

    /** Under the lock: the key's state, created if the pool tracks no state for it. */
    private KeyState<C> keyState(final PoolKey key) {
        KeyState<C> state = keys.get(key);
        if (state == null) {
            state = new KeyState<>(key, "k" + nextKeyId++, name, config.maxPerKey());
            keys.put(key, state);
        }
        return state;
    }

    private long minimumEpoch(final PoolKey key) {
        final Long minimum = minimumEpochs.get(key.authorityId());
        return minimum == null ? 0 : minimum;
    }

    /** Opens a connection with a permit already reserved; gives the permit back on every failure. */
    private PooledEntry<C> connect(final KeyState<C> state, final long deadline, final long start)
        throws PoolException {
        final long timeout = Math.max(MIN_CONNECT_NANOS, Math.min(connectTimeoutNanos, deadline - System.nanoTime()));
        final C connection;
        try {
            connection = Objects.requireNonNull(connector.connect(state.key, timeout), "connector returned null");
        } catch (final Throwable failure) {
            lock.lock();
            try {
                unreserve(state);
                rebalance();
            } finally {
                unlockAndClose();
            }
            metrics.connectFailed(state);
            LOG.log(System.Logger.Level.DEBUG, () -> "connect failed for " + state.key, failure);
            if (failure instanceof Error error) {
                throw error;
            }
            throw new ConnectFailedException(state.key, failure);
        }
        PooledEntry<C> entry = null;
        final boolean wasClosed;
        lock.lock();
        try {
            state.connecting--;
            wasClosed = closed;
            if (wasClosed || state.revoked) {
                state.permits--;
                totalPermits--;
                rebalance();
            } else {
                final long now = clock.nanoTime();
                // Volatile store: refreshes the coarse clock the fast paths read for idle time, lifetime and lease age.
                coarseNow = now;
                final long jitter = lifetimeJitterNanos == 0 ? 0
                    : ThreadLocalRandom.current().nextLong(lifetimeJitterNanos + 1);
                entry = new PooledEntry<>(connection, state, freeSlot(state), now, now + maxLifetimeNanos - jitter);
                state.setSlotRelease(entry.slot, entry);
                metrics.created(state);
                // One connect fewer in progress: a waiter held back by maxConnectingPerKey may go on now.
                rebalance();
            }
        } finally {
            unlockAndClose();
        }
        if (entry == null) {
            // Fenced: the connect completed after a revocation or after close; it is never pooled.
            closeQuietly(connection);
            metrics.closed(state, CloseReason.CONNECT_FENCED);
            if (wasClosed) {
                throw new PoolClosedException(state.key);
            }
            throw new RevokedAuthorityException(state.key, currentMinimumEpoch(state.key));
        }
        startLease(entry, entry.createdAt);
        metrics.waited(state, System.nanoTime() - start);
        return entry;
    }

    private long currentMinimumEpoch(final PoolKey key) {
        lock.lock();
        try {
            return minimumEpoch(key);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: a free slot, preferring the calling thread's affinity slot. */
    private int freeSlot(final KeyState<C> state) {
        final int n = state.slots.length;
        int i = affinity(n);
        for (int k = 0; k < n; k++) {
            if (state.slotAcquire(i) == null) {
                return i;
            }
            if (++i == n) {
                i = 0;
            }
        }
        throw new IllegalStateException("accounting broken: " + state.key + " holds a permit but has no free slot");
    }

    /**
     * Returns or closes a leased connection.
     *
     * @param lease     the lease
     * @param requested a reason to close it, or null to return it if it is clean
     */
    void release(final Lease<C> lease, final CloseReason requested) {
        final PooledEntry<C> entry = lease.entry;
        final long generation = lease.generation;
        final long leased = PooledEntry.stamp(generation, PooledEntry.LEASED);
        if (entry.stampVolatile() != leased) {
            staleReturn(lease);
            return;
        }
        CloseReason reason = requested;
        if (reason == null) {
            reason = entry.poison;
        }
        if (reason == null) {
            reason = entry.resource.checkReturn();
        }
        final KeyState<C> state = entry.keyState;
        if (reason == null) {
            if (state.revoked) {
                reason = CloseReason.REVOKED;
            } else if (closed) {
                reason = CloseReason.POOL_CLOSED;
            } else if (coarseNow - entry.expiresAt >= 0) {
                reason = CloseReason.MAX_LIFETIME;
            }
        }
        if (reason != null) {
            if (!entry.cas(leased, PooledEntry.stamp(generation, PooledEntry.CLOSING))) {
                staleReturn(lease);
                return;
            }
            retire(entry, reason);
            return;
        }
        entry.idleSince = coarseNow;
        entry.borrowedAt = null;
        if (!entry.cas(leased, PooledEntry.stamp(generation, PooledEntry.IDLE))) {
            staleReturn(lease);
            return;
        }
        afterIdle(entry);
    }

    /** After an entry became idle (a CAS, a full fence): serve waiters, and close it if a sweep raced with us. */
    private void afterIdle(final PooledEntry<C> entry) {
        if (waiting != 0) {
            lock.lock();
            try {
                rebalance();
            } finally {
                unlockAndClose();
            }
        }
        if ((entry.keyState.revoked || closed) && entry.casClosingIfIdle()) {
            retire(entry, entry.keyState.revoked ? CloseReason.REVOKED : CloseReason.POOL_CLOSED);
        }
    }

    /** A lease that no longer holds its connection was returned: close the connection as soon as nobody holds it. */
    private void staleReturn(final Lease<C> lease) {
        final PooledEntry<C> entry = lease.entry;
        final long s = entry.stampVolatile();
        if (PooledEntry.state(s) == PooledEntry.LEASED && PooledEntry.generation(s) > lease.generation) {
            // Volatile store: read by the current holder's return and by the next borrower.
            entry.poison = CloseReason.DOUBLE_RETURN;
        } else if (entry.casClosingIfIdle()) {
            retire(entry, CloseReason.DOUBLE_RETURN);
        } else if (PooledEntry.state(entry.stampVolatile()) != PooledEntry.CLOSING) {
            // It changed hands between our two reads (taken or being checked): poison it for whoever holds it.
            entry.poison = CloseReason.DOUBLE_RETURN;
        }
        throw new IllegalReturnException(CloseReason.DOUBLE_RETURN, "lease of " + lease.key() + " (generation "
            + lease.generation + ") was already returned");
    }

    /**
     * Returns a lease under an explicit key, checking that it came from this pool and from that key. A wrong return
     * closes the connection (its own pool gives its permit back) and throws.
     *
     * @param key   the key the caller believes the lease is for
     * @param lease the lease
     * @throws IllegalReturnException with {@link CloseReason#WRONG_POOL}, {@link CloseReason#WRONG_KEY} or
     *                                {@link CloseReason#DOUBLE_RETURN}
     * @throws NullPointerException   if an argument is null
     */
    public void release(final PoolKey key, final Lease<?> lease) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lease, "lease");
        if (lease.pool != this) {
            lease.closeFor(CloseReason.WRONG_POOL);
            throw new IllegalReturnException(CloseReason.WRONG_POOL, "lease of " + lease.key() + " returned to pool "
                + name + " but lent by pool " + lease.pool.name());
        }
        if (!lease.key().equals(key)) {
            lease.closeFor(CloseReason.WRONG_KEY);
            throw new IllegalReturnException(CloseReason.WRONG_KEY, "lease of " + lease.key() + " returned as "
                + key);
        }
        @SuppressWarnings("unchecked")
        final Lease<C> own = (Lease<C>) lease;
        release(own, null);
    }

    /** Closes an entry this thread moved to CLOSING: frees its slot and permit, then closes the connection. */
    private void retire(final PooledEntry<C> entry, final CloseReason reason) {
        lock.lock();
        try {
            removeLocked(entry, reason);
            rebalance();
        } finally {
            unlockAndClose();
        }
    }

    /** Under the lock: frees a CLOSING entry's slot and permit; its connection is closed after the unlock. */
    private void removeLocked(final PooledEntry<C> entry, final CloseReason reason) {
        final KeyState<C> state = entry.keyState;
        state.setSlotRelease(entry.slot, null);
        state.permits--;
        totalPermits--;
        toClose.add(entry);
        metrics.closed(state, reason);
        LOG.log(System.Logger.Level.DEBUG, () -> "closing a connection of " + state.key + ": " + reason);
    }

    private void unlockAndClose() {
        if (toClose.isEmpty()) {
            lock.unlock();
            return;
        }
        final List<PooledEntry<C>> batch = List.copyOf(toClose);
        toClose.clear();
        lock.unlock();
        for (final PooledEntry<C> entry : batch) {
            closeQuietly(entry.resource);
        }
    }

    private static void closeQuietly(final Poolable connection) {
        try {
            connection.close();
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a pooled connection failed", e);
        }
    }

    /**
     * Revokes every epoch of an authority below {@code minimumEpoch}: idle connections of keys carrying an older
     * epoch close at once, leased ones close when returned, connects in progress for them are closed when they
     * complete (never pooled), their waiters and later acquires fail with {@link RevokedAuthorityException}.
     * Revocation only moves forward: a lower minimum than one already set changes nothing.
     *
     * @param capabilityId the authority's capability id ({@link PoolKey#authorityId()})
     * @param minimumEpoch the lowest epoch still valid
     * @return the number of idle connections closed at once
     */
    public int revokeAuthority(final long capabilityId, final long minimumEpoch) {
        int closedNow = 0;
        lock.lock();
        try {
            final Long previous = minimumEpochs.get(capabilityId);
            if (previous != null && previous >= minimumEpoch) {
                return 0;
            }
            minimumEpochs.put(capabilityId, minimumEpoch);
            for (final KeyState<C> state : keys.values()) {
                if (state.key.authorityId() == capabilityId && state.key.authorityEpoch() < minimumEpoch) {
                    // Volatile store, before the sweep: see the class comment.
                    state.revoked = true;
                    closedNow += sweepIdle(state, CloseReason.REVOKED);
                }
            }
            rebalance();
        } finally {
            unlockAndClose();
        }
        return closedNow;
    }

    private int sweepIdle(final KeyState<C> state, final CloseReason reason) {
        int swept = 0;
        for (int i = 0; i < state.slots.length; i++) {
            final PooledEntry<C> entry = state.slotAcquire(i);
            if (entry != null && entry.casClosingIfIdle()) {
                removeLocked(entry, reason);
                swept++;
            }
        }
        return swept;
    }

    /**
     * One maintenance pass, as the maintenance thread runs it every {@link PoolConfig#maintenanceInterval()}:
     * refreshes the coarse clock, closes idle connections past their idle timeout or lifetime and idle connections
     * on which bytes arrived (or whose peer left), reports leases held beyond the leak threshold, and forgets keys
     * that have no connection left. Safe to call from any thread at any time.
     */
    public void runMaintenance() {
        final long now = clock.nanoTime();
        // Volatile store: refreshes the coarse clock the fast paths read for idle time, lifetime and lease age.
        coarseNow = now;
        for (final KeyState<C> state : keys.values()) {
            for (int i = 0; i < state.slots.length; i++) {
                final PooledEntry<C> entry = state.slotAcquire(i);
                if (entry != null) {
                    maintain(entry, now);
                }
            }
        }
        lock.lock();
        try {
            for (final Iterator<KeyState<C>> it = keys.values().iterator(); it.hasNext(); ) {
                final KeyState<C> state = it.next();
                if (state.permits == 0 && state.waiting == 0) {
                    it.remove();
                    metrics.forget(state);
                }
            }
        } finally {
            unlockAndClose();
        }
    }

    private void maintain(final PooledEntry<C> entry, final long now) {
        final long s = entry.stampVolatile();
        final int state = PooledEntry.state(s);
        if (state == PooledEntry.IDLE) {
            final CloseReason expired = now - entry.idleSince >= idleTimeoutNanos ? CloseReason.IDLE_TIMEOUT
                : now - entry.expiresAt >= 0 ? CloseReason.MAX_LIFETIME : null;
            if (expired != null) {
                if (entry.casClosingIfIdle()) {
                    retire(entry, expired);
                }
                return;
            }
            final long checking = PooledEntry.stamp(PooledEntry.generation(s), PooledEntry.CHECKING);
            if (entry.cas(s, checking)) {
                final CloseReason dirty = entry.poison != null ? entry.poison : entry.resource.checkIdle();
                if (dirty != null) {
                    entry.setClosingByOwner();
                    retire(entry, dirty);
                } else if (entry.cas(checking, s)) {
                    afterIdle(entry);
                }
            }
        } else if (state == PooledEntry.LEASED && leakThresholdNanos > 0 && now - entry.leaseStart >= leakThresholdNanos
            && entry.leakReportedGeneration != PooledEntry.generation(s)) {
            entry.leakReportedGeneration = PooledEntry.generation(s);
            leaksReported.incrementAndGet();
            metrics.leak(entry.keyState);
            final long heldMillis = (now - entry.leaseStart) / 1_000_000;
            LOG.log(System.Logger.Level.WARNING, () -> "possible leak: a lease of " + entry.keyState.key
                + " has been held for " + heldMillis + " ms (threshold " + config.leakThreshold().toMillis()
                + " ms); the borrower's stack follows", entry.borrowedAt);
        }
    }

    private void maintenanceLoop(final long intervalNanos) {
        while (!closed) {
            lock.lock();
            try {
                if (!closed) {
                    maintenanceWake.awaitNanos(intervalNanos);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (!closed) {
                try {
                    runMaintenance();
                } catch (final RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "pool " + name + ": maintenance pass failed", e);
                }
            }
        }
    }

    /**
     * @return a consistent snapshot of the accounting, taken under the pool lock (connection states are read at that
     *     moment; a borrow or return racing with the snapshot moves a connection between {@code leased} and
     *     {@code idle} only)
     */
    public PoolStats stats() {
        lock.lock();
        try {
            final Map<PoolKey, KeyStats> perKey = new LinkedHashMap<>();
            for (final KeyState<C> state : keys.values()) {
                perKey.put(state.key, keyStats(state));
            }
            return new PoolStats(totalPermits, waiters.size(), leaksReported.get(), closed, perKey);
        } finally {
            lock.unlock();
        }
    }

    private KeyStats keyStats(final KeyState<C> state) {
        int leased = 0;
        int idle = 0;
        int closing = 0;
        for (int i = 0; i < state.slots.length; i++) {
            final PooledEntry<C> entry = state.slotAcquire(i);
            if (entry != null) {
                switch (PooledEntry.state(entry.stampVolatile())) {
                    case PooledEntry.LEASED -> leased++;
                    case PooledEntry.CLOSING -> closing++;
                    default -> idle++;
                }
            }
        }
        return new KeyStats(state.id, leased, idle, state.connecting, closing, state.waiting, state.permits);
    }

    void forEachKeyStats(final BiConsumer<String[], KeyStats> sink) {
        lock.lock();
        try {
            for (final KeyState<C> state : keys.values()) {
                sink.accept(state.labels, keyStats(state));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the pool: idle connections close now, leased ones when returned, connects in progress when they
     * complete; waiters and later acquires fail with {@link PoolClosedException}; the maintenance thread stops; the
     * pool's metrics series are removed. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            // Volatile store, before the sweep: see the class comment.
            closed = true;
            for (final KeyState<C> state : keys.values()) {
                sweepIdle(state, CloseReason.POOL_CLOSED);
            }
            rebalance();
            maintenanceWake.signalAll();
        } finally {
            unlockAndClose();
        }
        if (maintenance != null) {
            try {
                maintenance.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        metrics.detach(this);
    }

    @Override
    public String toString() {
        return "KeyedPool[" + name + "]";
    }

    /** An acquire waiting in the FIFO queue; every field is guarded by the pool lock. */
    private static final class Waiter<C extends Poolable> {
        final KeyState<C> state;
        final Condition condition;
        /** The limit that last held it back. */
        Limit blockedBy;
        /** An entry (leased to it), {@link #PERMIT}, or a {@link PoolException}; null while it waits. */
        Object outcome;

        Waiter(final KeyState<C> state, final Condition condition, final Limit blockedBy) {
            this.state = state;
            this.condition = condition;
            this.blockedBy = blockedBy;
        }
    }
}
