package org.capring.ring;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;

/** Lincheck: the SQ with one producer, capacity 4; producer and consumer each in a non-parallel group. */
public class SpscSqLincheckTest extends QueueLincheckTest {
    private static final QueueSpec SPEC = new QueueSpec("sq", ProducerMode.SINGLE, 4);
    private final RingProducer<RingEntry> producer;

    public SpscSqLincheckTest() {
        super(SPEC);
        producer = SPEC.producer(ring);
    }

    @Operation(nonParallelGroup = "producer")
    public boolean offer(final int value) {
        return offer(producer, value);
    }

    @Operation(nonParallelGroup = "producer")
    public boolean offerTwo(final int first, final int second) {
        return offerTwo(producer, first, second);
    }

    @Operation(nonParallelGroup = "consumer")
    public Integer poll() {
        return pollStrict();
    }

    @Override
    Options<?, ?> tune(final Options<?, ?> options) {
        return options.threads(2).actorsPerThread(4).actorsBefore(2).actorsAfter(2);
    }
}
