package org.capring.service.example;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.capring.ring.call.Capability;
import org.capring.schema.kv.KvProtocol.KeyValue;
import org.capring.service.Readiness;
import org.capring.service.ServiceInstance;
import org.capring.service.StartContext;

/**
 * The example's key-value store: serves {@code KeyValue} from a map and journals every write through its declared
 * dependency, the journal service, called through the store's own ring (the journal's capability is granted into the
 * store's CapSet and nowhere else). A put is acknowledged only after its journal entry was written, so that "every
 * acknowledged put has exactly one journal entry" can be checked from outside. The map and the sequence live in
 * objects the caller owns, so a handed-off instance goes on with them.
 */
public final class StoreInstance implements ServiceInstance {
    private final Map<String, byte[]> data;
    private final AtomicLong sequence;
    private final Readiness<KeyValue.Client> journal;

    /**
     * @param data     the store's values (thread-safe map, shared across instances)
     * @param sequence numbers journal entries (shared across instances)
     * @param journal  the journal service, which the store must declare as a dependency
     */
    public StoreInstance(final Map<String, byte[]> data, final AtomicLong sequence,
                         final Readiness<KeyValue.Client> journal) {
        this.data = data;
        this.sequence = sequence;
        this.journal = journal;
    }

    @Override
    public List<Capability> start(final StartContext context) throws InterruptedException {
        final KeyValue.Client log = context.await(journal);
        return List.of(KeyValue.capability("store-" + context.instance(), new MapKeyValue(data, "value",
            (key, value) -> {
                try (KeyValue.Client.PutCall entry = log.put()) {
                    entry.params().setKey("entry-" + sequence.incrementAndGet());
                    entry.params().setValue(key.getBytes(StandardCharsets.UTF_8));
                    entry.invoke();
                }
            })));
    }
}
