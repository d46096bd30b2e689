package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.capring.ring.ProducerMode;
import org.capring.ring.RingLayout;
import org.capring.schema.kv.KvProtocol.KeyValue;
import org.capring.service.metrics.CallOutcome;
import org.junit.jupiter.api.Test;

/** Configuration records validate when built; method tables read generated interfaces; outcomes map statuses. */
class ConfigAndMethodTableTest {

    @Test
    void serviceConfig_defaultsDocumented_badValuesRefused() {
        final ServiceConfig d = ServiceConfig.defaults();
        assertEquals(Duration.ofMillis(ServiceConfig.DEFAULT_DRAIN_GRACE_MILLIS), d.drainGrace());
        assertEquals(ServiceConfig.DEFAULT_MAX_ATTEMPTS, d.maxAttempts());
        assertThrows(IllegalArgumentException.class, () -> d.withStartTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> d.withDrainGrace(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withCancelWait(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxAttempts(0));
        assertThrows(NullPointerException.class, () -> d.withDrainGrace(null));
    }

    @Test
    void hostConfig_singleProducerRing_refused() {
        final HostConfig d = HostConfig.defaults();
        assertFalse(d.shutdownHook());
        assertThrows(IllegalArgumentException.class, () -> d.withStopDeadline(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> d.withRing(RingLayout.builder()
            .sqProducers(ProducerMode.SINGLE).slots(4, 64, 64).build()));
    }

    @Test
    void serviceDefinition_badName_refused() {
        assertThrows(IllegalArgumentException.class, () -> ServiceDefinition.of("has space", EchoService.EXPORT,
            context -> java.util.List.of()));
        assertThrows(IllegalArgumentException.class, () -> ServiceDefinition.of("", EchoService.EXPORT,
            context -> java.util.List.of()));
    }

    @Test
    void methodTable_fromGeneratedInterface_namesByOrdinalAndIdempotency() {
        final MethodTable kv = MethodTable.of(KeyValue.class).idempotent(KeyValue.METHOD_GET);
        assertEquals(3, kv.size());
        assertEquals("get", kv.name(KeyValue.METHOD_GET));
        assertEquals("delete", kv.name(KeyValue.METHOD_DELETE));
        assertTrue(kv.isIdempotent(KeyValue.METHOD_GET));
        assertFalse(kv.isIdempotent(KeyValue.METHOD_PUT));
        assertEquals("method-9", kv.name(9));
        assertFalse(kv.isIdempotent(9));
        assertThrows(IllegalArgumentException.class, () -> kv.idempotent(3));
        assertThrows(IllegalArgumentException.class, () -> MethodTable.of(String.class));
        assertThrows(IllegalArgumentException.class, () -> MethodTable.of("a", "a"));
        assertThrows(IllegalArgumentException.class, MethodTable::of);
    }

    @Test
    void callOutcome_ofStatus_mapsEveryKind() {
        assertEquals(CallOutcome.OK, CallOutcome.of(0, true));
        assertEquals(CallOutcome.FAILED, CallOutcome.of(1, true));
        assertEquals(CallOutcome.APPLICATION_ERROR, CallOutcome.of(2, true));
        assertEquals(CallOutcome.REFUSED, CallOutcome.of(-7, false));
        assertEquals(CallOutcome.TRANSPORT_ERROR, CallOutcome.of(-5, true));
        assertEquals(CallOutcome.CANCELLED, CallOutcome.of(-8, true));
        assertEquals(CallOutcome.DEADLINE_EXCEEDED, CallOutcome.of(-9, false));
    }
}
