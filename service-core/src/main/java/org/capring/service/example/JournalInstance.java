package org.capring.service.example;

import java.util.List;
import java.util.Map;

import org.capring.ring.call.Capability;
import org.capring.schema.kv.KvProtocol.KeyValue;
import org.capring.service.ServiceInstance;
import org.capring.service.StartContext;

/**
 * The second service of the example: a journal that records, under a sequence key, each key the store wrote. It is
 * itself a {@code KeyValue} service with no dependencies. Its entries live in a map the caller owns, so that a new
 * instance (after a handoff) goes on with them.
 */
public final class JournalInstance implements ServiceInstance {
    private final Map<String, byte[]> entries;

    /**
     * @param entries the journal's entries (thread-safe map, shared across instances)
     */
    public JournalInstance(final Map<String, byte[]> entries) {
        this.entries = entries;
    }

    @Override
    public List<Capability> start(final StartContext context) {
        return List.of(KeyValue.capability("journal-" + context.instance(),
            new MapKeyValue(entries, "journal entry", (key, value) -> {
            })));
    }
}
