package org.capring.stress.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The breaches of one run, in the order they were found, and the run's stop signal: the first breach trips
 * {@link #tripped()}, which the generator and the scenario driver poll to stop issuing work.
 *
 * <p><b>Threads.</b> Thread-safe and lock-free; any caller, handler or checker thread reports. At most
 * {@value #KEPT} breaches are kept (the count goes on), so a systematic fault cannot exhaust memory.
 */
public final class BreachLog {
    /** Most breaches kept with their details. */
    public static final int KEPT = 1000;

    private final ConcurrentLinkedQueue<Breach> kept = new ConcurrentLinkedQueue<>();
    private final AtomicInteger keptCount = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();
    private volatile boolean tripped;

    /**
     * Records a breach and trips the stop signal.
     *
     * @param kind   what broke
     * @param id     the call involved, or {@link Breach#NO_CALL}
     * @param detail what was seen
     */
    public void report(final BreachKind kind, final long id, final String detail) {
        total.incrementAndGet();
        if (keptCount.incrementAndGet() <= KEPT) {
            kept.add(new Breach(kind, id, detail));
        }
        // Volatile store: every poller sees the stop once the breach is kept.
        tripped = true;
    }

    /** @return true once any breach was reported */
    public boolean tripped() {
        return tripped;
    }

    /** @return breaches reported (kept or not) */
    public long total() {
        return total.get();
    }

    /** @return the kept breaches, in the order they were reported (a snapshot) */
    public List<Breach> breaches() {
        return new ArrayList<>(kept);
    }

    /** @return the first breach, or null if none */
    public Breach first() {
        return kept.peek();
    }
}
