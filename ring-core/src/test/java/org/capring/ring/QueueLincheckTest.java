package org.capring.ring;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import org.agrona.concurrent.UnsafeBuffer;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the ring queues as bounded FIFO queues, checked by Lincheck in model-checking and stress
 * modes. Each subclass is one queue configuration; single-role operations sit in a {@code nonParallelGroup}.
 *
 * <p>The ring lives in a heap {@code byte[]} so that Lincheck sees its memory accesses. {@code poll} is the
 * strict form: when the head position is claimed but not yet committed it waits for the commit, as a
 * linearizable queue must (a bare {@code drain} may return 0 there, which is the documented relaxed form).
 *
 * <p>Sized for the default test run; {@code -Dcapring.lincheck.long=true} runs ten times the iterations.
 */
public abstract class QueueLincheckTest {
    static final boolean LONG = Boolean.getBoolean("capring.lincheck.long");

    final Ring ring;
    final RingConsumer<RingEntry> consumer;
    private final int tailOffset;
    private long polled;
    private final EntryHandler<RingEntry> take = e -> polled = QueueSpec.tagOf(e);

    QueueLincheckTest(final QueueSpec spec) {
        final RingLayout layout = spec.layout();
        this.ring = Ring.format(new UnsafeBuffer(new byte[layout.totalLength()]), layout);
        this.consumer = spec.consumer(ring);
        this.tailOffset = spec.queue().equals("sq") ? RingLayout.SQ_TAIL_OFFSET : RingLayout.CQ_TAIL_OFFSET;
    }

    static boolean offer(final RingProducer<RingEntry> producer, final int value) {
        final RingEntry entry = producer.tryClaim();
        if (entry == null) {
            return false;
        }
        QueueSpec.tag(entry, value);
        producer.submit();
        return true;
    }

    static boolean offerTwo(final RingProducer<RingEntry> producer, final int first, final int second) {
        if (!producer.tryClaim(2)) {
            return false;
        }
        QueueSpec.tag(producer.entry(0), first);
        QueueSpec.tag(producer.entry(1), second);
        producer.submit();
        return true;
    }

    Integer pollStrict() {
        while (true) {
            if (consumer.drain(take, 1) == 1) {
                return (int) polled;
            }
            if (ring.buffer().getLongVolatile(tailOffset) == consumer.position()) {
                return null;
            }
            Thread.onSpinWait();
        }
    }

    abstract Options<?, ?> tune(Options<?, ?> options);

    @Test
    void modelChecking() {
        // Each memory access of the ring (Agrona's UnsafeApi and buffer methods) is a single memory operation:
        // treat each as one atomic step with a switch point before it, instead of analysing Agrona's internals.
        tune(new ModelCheckingOptions().iterations(LONG ? 100 : 10).invocationsPerIteration(LONG ? 5_000 : 500)
            .addGuarantee(forClasses("org.agrona.UnsafeApi", "org.agrona.concurrent.UnsafeBuffer",
                    "org.agrona.AbstractMutableDirectBuffer")
                .allMethods().treatAsAtomic()))
            .check(getClass());
    }

    @Test
    void stress() {
        tune(new StressOptions().iterations(LONG ? 200 : 20).invocationsPerIteration(LONG ? 10_000 : 2_000))
            .check(getClass());
    }
}
