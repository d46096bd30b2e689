package org.capring.pool;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A connector of {@link FakeConnection}s: counts connects, can fail them (by key) and can hold them at a gate until
 * the test opens it, to keep connects "in progress".
 */
public final class MemoryConnector implements Connector<FakeConnection> {
    /** Every connection opened, in order. */
    public final ConcurrentLinkedQueue<FakeConnection> opened = new ConcurrentLinkedQueue<>();
    /** Connect attempts, successful or not. */
    public final AtomicInteger attempts = new AtomicInteger();
    /** Connects currently waiting at a gate (closed, or opened but not yet left). */
    public final AtomicInteger atGate = new AtomicInteger();
    private volatile Predicate<PoolKey> failing = key -> false;
    private volatile Gate gate;
    private volatile String gatedThreads = "";

    /** @param prefix only threads whose name starts with it wait at the gate (default: every thread) */
    public void gateOnly(final String prefix) {
        gatedThreads = prefix;
    }

    /** @param which keys whose connects fail (with an {@link IOException}) */
    public void failWhen(final Predicate<PoolKey> which) {
        failing = which;
    }

    /** A gate and the connects held at it. */
    private record Gate(CountDownLatch latch, AtomicInteger held) {
    }

    /** Holds every following connect until {@link #openGate()}. */
    public void closeGate() {
        gate = new Gate(new CountDownLatch(1), new AtomicInteger());
    }

    /** Lets held connects complete. */
    public void openGate() {
        final Gate current = gate;
        gate = null;
        if (current != null) {
            current.latch().countDown();
        }
    }

    /** @return connects held at the gate that is closed now (0 when it is open) */
    public int heldAtClosedGate() {
        final Gate current = gate;
        return current == null ? 0 : current.held().get();
    }

    /** @return the connections opened so far */
    public List<FakeConnection> openedList() {
        return List.copyOf(opened);
    }

    @Override
    public FakeConnection connect(final PoolKey key, final long timeoutNanos) throws IOException {
        attempts.incrementAndGet();
        final Gate current = gate;
        if (current != null && Thread.currentThread().getName().startsWith(gatedThreads)) {
            atGate.incrementAndGet();
            current.held().incrementAndGet();
            try {
                if (!current.latch().await(30, TimeUnit.SECONDS)) {
                    throw new IOException("test gate never opened");
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted at the gate");
            } finally {
                current.held().decrementAndGet();
                atGate.decrementAndGet();
            }
        }
        if (failing.test(key)) {
            throw new IOException("refused by the test for " + key.tenant());
        }
        final FakeConnection connection = new FakeConnection(key);
        opened.add(connection);
        return connection;
    }
}
