package org.capring.ring;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;

/** Lincheck: the SQ with many producers, capacity 4; each thread submits through its own producer handle. */
public class MpscSqLincheckTest extends QueueLincheckTest {
    private static final QueueSpec SPEC = new QueueSpec("sq", ProducerMode.MULTI, 4);
    private final ThreadLocal<RingProducer<RingEntry>> producers;

    public MpscSqLincheckTest() {
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
