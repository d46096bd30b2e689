package org.capring.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchmarkIdTest {
    @Test
    void parse_conventionalName_splitsMeasureSubjectVariant() {
        assertEquals(Optional.of(new BenchmarkId("throughput", "CapringSq", "batched")),
            BenchmarkId.parse("org.capring.bench.throughput.CapringSq.batched"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "org.capring.bench.CapringSq.batched",
        "com.example.throughput.CapringSq.batched",
        "org.capring.bench.throughput.nested.CapringSq.batched",
        "org.capring.bench.throughput.capringSq.batched",
        "org.capring.bench.throughput.CapringSq",
        "org.capring.bench.throughput.CapringSq.batched.extra",
        "org.capring.benchmarks.throughput.CapringSq.batched",
        ""
    })
    void parse_unconventionalName_isEmpty(final String name) {
        assertEquals(Optional.empty(), BenchmarkId.parse(name));
    }

    @Test
    void isCapring_capringPrefix_isTrueOnlyForCapringSubjects() {
        assertTrue(new BenchmarkId("mpsc", "CapringMpscPoll", "submitTake").isCapring());
        assertFalse(new BenchmarkId("mpsc", "JctoolsMpsc", "submitTake").isCapring());
    }
}
