package org.capring.schema;

import java.util.HashMap;
import java.util.Map;

import org.capring.ring.call.ServerCall;
import org.capring.schema.kv.KvProtocol.KeyValue;

/**
 * A bounded in-memory {@link KeyValue.Server}; refusals are the interface's declared error classes. Calls to one
 * capability run one at a time on its endpoint (the server's default dispatch), so the map needs no lock.
 */
final class InMemoryKeyValue implements KeyValue.Server {
    private final Map<String, byte[]> entries = new HashMap<>();
    private final int maxEntries;
    private final int maxKeyBytes;
    private final int maxValueBytes;

    InMemoryKeyValue(final int maxEntries, final int maxKeyBytes, final int maxValueBytes) {
        this.maxEntries = maxEntries;
        this.maxKeyBytes = maxKeyBytes;
        this.maxValueBytes = maxValueBytes;
    }

    @Override
    public void get(final KeyValue.GetParams.Reader params, final KeyValue.GetResults.Builder results,
                    final ServerCall call) {
        final String key = params.getKey().toString();
        final byte[] value = entries.get(key);
        if (value == null) {
            throw new KeyValue.NotFoundException("no value under '" + key + "'");
        }
        results.setValue(value);
    }

    @Override
    public void put(final KeyValue.PutParams.Reader params, final KeyValue.PutResults.Builder results,
                    final ServerCall call) {
        final String key = params.getKey().toString();
        if (params.getKey().size() > maxKeyBytes) {
            throw new KeyValue.KeyTooLongException("key of " + params.getKey().size() + " bytes; at most "
                + maxKeyBytes);
        }
        final byte[] value = params.getValue().toArray();
        if (value.length > maxValueBytes) {
            throw new KeyValue.ValueTooLargeException("value of " + value.length + " bytes; at most " + maxValueBytes);
        }
        if (!entries.containsKey(key) && entries.size() >= maxEntries) {
            throw new KeyValue.FullException(maxEntries + " entries");
        }
        results.setReplaced(entries.put(key, value) != null);
    }

    @Override
    public void delete(final KeyValue.DeleteParams.Reader params, final KeyValue.DeleteResults.Builder results,
                       final ServerCall call) {
        final String key = params.getKey().toString();
        if (entries.remove(key) == null) {
            throw new KeyValue.NotFoundException("no value under '" + key + "'");
        }
    }
}
