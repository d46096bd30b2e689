package org.capring.ring;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;

/**
 * Lincheck: the CQ in its multi-producer form (many completers), capacity 2; each thread submits through its own
 * producer handle.
 */
public class CqLincheckTest extends QueueLincheckTest {
    private static final QueueSpec SPEC = new QueueSpec("cq", ProducerMode.MULTI, 2);
    private final ThreadLocal<RingProducer<RingEntry>> producers;

    public CqLincheckTest() {
        super(SPEC);
        producers = ThreadLocal.withInitial(() -> SPEC.producer(ring));
    }

    @Operation
    public boolean offer(final int value) {
        return offer(producers.get(), value);
    }

    @Operation
    public boolean offerTwo(final int first, final int second) {
        return offerTwo(producers.get(), first, second);
    }

    @Operation(nonParallelGroup = "consumer")
    public Integer poll() {
        return pollStrict();
    }

    @Override
    Options<?, ?> tune(final Options<?, ?> options) {
        return options.threads(3).actorsPerThread(2).actorsBefore(2).actorsAfter(2);
    }
}
