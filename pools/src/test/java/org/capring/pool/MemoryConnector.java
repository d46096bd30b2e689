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
    /** Connects currently held at the gate. */
    public final AtomicInteger atGate = new AtomicInteger();
    private volatile Predicate<PoolKey> failing = key -> false;
    private volatile CountDownLatch gate;

    /** @param which keys whose connects fail (with an {@link IOException}) */
    public void failWhen(final Predicate<PoolKey> which) {
        failing = which;
    }

    /** Holds every following connect until {@link #openGate()}. */
    public void closeGate() {
        gate = new CountDownLatch(1);
    }

    /** Lets held connects complete. */
    public void openGate() {
        final CountDownLatch current = gate;
        gate = null;
        if (current != null) {
            current.countDown();
        }
    }

    /** @return the connections opened so far */
    public List<FakeConnection> openedList() {
        return List.copyOf(opened);
    }

    @Override
    public FakeConnection connect(final PoolKey key, final long timeoutNanos) throws IOException {
        attempts.incrementAndGet();
        final CountDownLatch current = gate;
        if (current != null) {
            atGate.incrementAndGet();
            try {
                if (!current.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("test gate never opened");
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted at the gate");
            } finally {
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
