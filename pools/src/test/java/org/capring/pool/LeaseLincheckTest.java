package org.capring.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the lease/return core: acquire without waiting, clean and unclean return, discard, over two
 * keys with room for three connections, checked by Lincheck in model-checking and stress modes. The sequential
 * specification is the pool itself run sequentially; the results (acquired, or the limit that refused) must match
 * some sequential order, and {@link #accounting()} checks the permit invariant after every scenario.
 *
 * <p>Three owners (a, b, c) borrow and return concurrently; each owner's operations form a non-parallel group, so an
 * owner returns only leases it took itself (as real borrowers do) and its bookkeeping is never raced.
 * Sized for the default test run; {@code -Dcapring.lincheck.long=true} runs ten times the iterations.
 */
public class LeaseLincheckTest {
    private static final boolean LONG = Boolean.getBoolean("capring.lincheck.long");
    private static final PoolKey[] KEYS = {
        Keys.cleartext(Keys.v4(1), 7000).tenant("x").build(),
        Keys.cleartext(Keys.v4(1), 7000).tenant("y").build()};

    private final KeyedPool<FakeConnection> pool = new KeyedPool<>("lincheck", PoolConfig.builder().maxTotal(3)
        .maxPerKey(2).maxConnectingPerKey(2).maxWaiters(0).maintenanceInterval(Duration.ZERO)
        .validateAfterIdle(Duration.ofDays(1)).lifetimeJitter(Duration.ZERO).clock(() -> 0L).build(),
        new MemoryConnector(), PoolMetrics.register(new PrometheusRegistry()));
    /** Leases by owner (a, b, c: each owner's operations run on one thread) and key: index owner * 2 + key. */
    private final List<ConcurrentLinkedDeque<Lease<FakeConnection>>> held = List.of(new ConcurrentLinkedDeque<>(),
        new ConcurrentLinkedDeque<>(), new ConcurrentLinkedDeque<>(), new ConcurrentLinkedDeque<>(),
        new ConcurrentLinkedDeque<>(), new ConcurrentLinkedDeque<>());

    @Operation(nonParallelGroup = "a")
    public String acquireA(final boolean second) throws InterruptedException {
        return acquire(0, second);
    }

    @Operation(nonParallelGroup = "a")
    public boolean returnA(final boolean second, final int how) {
        return giveBack(0, second, how);
    }

    @Operation(nonParallelGroup = "b")
    public String acquireB(final boolean second) throws InterruptedException {
        return acquire(1, second);
    }

    @Operation(nonParallelGroup = "b")
    public boolean returnB(final boolean second, final int how) {
        return giveBack(1, second, how);
    }

    @Operation(nonParallelGroup = "c")
    public String acquireC(final boolean second) throws InterruptedException {
        return acquire(2, second);
    }

    @Operation(nonParallelGroup = "c")
    public boolean returnC(final boolean second, final int how) {
        return giveBack(2, second, how);
    }

    private String acquire(final int owner, final boolean second) throws InterruptedException {
        final int k = second ? 1 : 0;
        try {
            held.get(owner * 2 + k).push(pool.acquire(KEYS[k], Duration.ZERO));
            return "acquired";
        } catch (final AcquireTimeoutException e) {
            return e.limit().name();
        } catch (final PoolException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** Returns one of the owner's leases of the key: cleanly, uncleanly or by discarding it. */
    private boolean giveBack(final int owner, final boolean second, final int how) {
        final Lease<FakeConnection> lease = held.get(owner * 2 + (second ? 1 : 0)).poll();
        if (lease == null) {
            return false;
        }
        switch (Math.floorMod(how, 3)) {
            case 0 -> lease.close();
            case 1 -> {
                lease.connection().onReturn = CloseReason.UNREAD_BYTES;
                lease.close();
            }
            default -> lease.discard();
        }
        return true;
    }

    @Validate
    public void accounting() {
        final PoolStats stats = pool.stats();
        int sum = 0;
        for (final KeyStats key : stats.keys().values()) {
            if (key.permits() != key.leased() + key.idle() + key.closing() + key.connecting() || key.permits() > 2
                || key.closing() != 0 || key.connecting() != 0) {
                throw new IllegalStateException("accounting broken: " + stats);
            }
            sum += key.permits();
        }
        final int heldTotal = held.stream().mapToInt(ConcurrentLinkedDeque::size).sum();
        if (sum != stats.permits() || stats.permits() > 3 || stats.leased() != heldTotal) {
            throw new IllegalStateException("accounting broken: " + stats + " held " + heldTotal);
        }
    }

    private static Options<?, ?> tune(final Options<?, ?> options) {
        return options.threads(3).actorsPerThread(3).actorsBefore(2).actorsAfter(1);
    }

    @Test
    void modelChecking() {
        tune(new ModelCheckingOptions().iterations(LONG ? 60 : 6).invocationsPerIteration(LONG ? 2_000 : 200))
            .check(getClass());
    }

    @Test
    void stress() {
        tune(new StressOptions().iterations(LONG ? 150 : 15).invocationsPerIteration(LONG ? 10_000 : 1_000))
            .check(getClass());
    }
}
