package org.capring.service.example;

import org.capring.schema.kv.KvProtocol.KeyValue;
import org.capring.service.Export;
import org.capring.service.MethodTable;

/** The export of a key-value service: the generated {@code KeyValue} interface, its stub, and its readiness probe. */
public final class KeyValueExport {
    /** The key the probe reads; the probe passes whether a value is stored under it or not. */
    public static final String PROBE_KEY = "capring.probe";

    /**
     * {@code KeyValue}, with {@code get} idempotent (as the schema declares); READY once a {@code get} of
     * {@value #PROBE_KEY} answered, with a value or with {@code notFound}.
     */
    public static final Export<KeyValue.Client> EXPORT = new Export<>(KeyValue.TYPE_ID,
        MethodTable.of(KeyValue.class).idempotent(KeyValue.METHOD_GET), KeyValue.Client::new,
        (kv, deadlineNanos) -> {
            try (KeyValue.Client.GetCall get = kv.get(deadlineNanos)) {
                get.params().setKey(PROBE_KEY);
                get.invoke();
            } catch (final KeyValue.NotFoundException answered) {
                // the service answered: READY
            }
        });

    private KeyValueExport() {
    }
}
