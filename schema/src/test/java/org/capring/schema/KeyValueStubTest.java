package org.capring.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.capring.ring.call.CallException;
import org.capring.ring.call.CapException;
import org.capring.ring.call.TransportException;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.capring.schema.kv.KvProtocol.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated KeyValue stub, skeleton and error classes through a real ring. */
final class KeyValueStubTest {

    private RingRig rig;
    private KeyValue.Client kv;

    @BeforeEach
    void setUp() {
        rig = new RingRig();
        kv = new KeyValue.Client(rig.client, rig.caps.grant(KeyValue.capability("kv", new InMemoryKeyValue(2, 8, 16))));
    }

    @AfterEach
    void tearDown() {
        rig.close();
    }

    private boolean put(final String key, final String value) {
        try (KeyValue.Client.PutCall put = kv.put()) {
            put.params().setKey(key);
            put.params().setValue(value.getBytes(StandardCharsets.UTF_8));
            return put.invoke().getReplaced();
        }
    }

    private String get(final String key) {
        try (KeyValue.Client.GetCall get = kv.get()) {
            get.params().setKey(key);
            return new String(get.invoke().getValue().toArray(), StandardCharsets.UTF_8);
        }
    }

    private void delete(final String key) {
        try (KeyValue.Client.DeleteCall delete = kv.delete()) {
            delete.params().setKey(key);
            delete.invoke();
        }
    }

    @Test
    void putGetDelete_typedResults() {
        assertFalse(put("a", "one"));
        assertTrue(put("a", "uno"));
        assertEquals("uno", get("a"));

        delete("a");

        assertThrows(KeyValue.NotFoundException.class, () -> get("a"));
    }

    @Test
    void errorClasses_codesFollowTheEnumOrdinalsFromTwo() {
        assertEquals(2, KeyValue.NotFoundException.CODE);
        assertEquals(3, KeyValue.KeyTooLongException.CODE);
        assertEquals(4, KeyValue.ValueTooLargeException.CODE);
        assertEquals(5, KeyValue.FullException.CODE);
        assertEquals(4, KeyValue.Error.values().length - 1, "four declared errors (and _NOT_IN_SCHEMA)");
    }

    @Test
    void get_missingKey_isNotFoundAndRetrySafe() {
        final KeyValue.NotFoundException e = assertThrows(KeyValue.NotFoundException.class, () -> get("nope"));

        assertEquals(KeyValue.NotFoundException.CODE, e.status());
        assertEquals("no value under 'nope'", e.detail());
        assertTrue(e.dispatched());
        assertTrue(e.retrySafe(), "get is $Capring.idempotent");
    }

    @Test
    void delete_missingKey_isNotFoundAndNotRetrySafe() {
        final KeyValue.NotFoundException e = assertThrows(KeyValue.NotFoundException.class, () -> delete("nope"));

        assertTrue(e.dispatched());
        assertFalse(e.retrySafe(), "delete is not idempotent");
    }

    @Test
    void put_limits_giveTheirDeclaredErrorsAndLeaveTheStoreUsable() {
        assertThrows(KeyValue.KeyTooLongException.class, () -> put("a-very-long-key", "x"));
        assertThrows(KeyValue.ValueTooLargeException.class, () -> put("k", "x".repeat(17)));
        put("k1", "1");
        put("k2", "2");
        final KeyValue.FullException full = assertThrows(KeyValue.FullException.class, () -> put("k3", "3"));

        assertEquals("2 entries", full.detail());
        assertTrue(put("k2", "two"), "replacing needs no new entry");
        assertEquals("two", get("k2"));
    }

    @Test
    void declaredError_isACapExceptionForGenericHandlers() {
        final CallException e = assertThrows(CallException.class, () -> get("nope"));

        assertInstanceOf(CapException.class, e);
        assertInstanceOf(KeyValue.NotFoundException.class, e);
    }

    @Test
    void echoStub_onAKeyValueHandle_isNoSuchMethod() {
        final Echo.Client wrong = new Echo.Client(rig.client, kv.handle());

        try (Echo.Client.EchoCall call = wrong.echo()) {
            final TransportException e = assertThrows(TransportException.class, call::invoke);

            assertInstanceOf(TransportException.NoSuchMethod.class, e);
            assertTrue(e.retrySafe(), "refused before dispatch");
        }
    }

    @Test
    void get_valueReadInPlace_matchesBytesWritten() {
        final byte[] bytes = {0, -1, 7, 127, -128};
        try (KeyValue.Client.PutCall put = kv.put()) {
            put.params().setKey("bin");
            put.params().setValue(bytes);
            put.invoke();
        }
        try (KeyValue.Client.GetCall get = kv.get()) {
            get.params().setKey("bin");
            assertArrayEquals(bytes, get.invoke().getValue().toArray());
        }
    }
}
