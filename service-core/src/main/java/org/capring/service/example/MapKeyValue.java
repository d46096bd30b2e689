package org.capring.service.example;

import java.util.Map;

import org.capring.ring.call.ServerCall;
import org.capring.schema.kv.KvProtocol.KeyValue;

/**
 * The generated {@code KeyValue} server over a map: {@code get} and {@code delete} read and change the map; what a
 * {@code put} does besides storing is the instance's ({@link Writer}).
 */
final class MapKeyValue implements KeyValue.Server {
    /** What a put does before its value is stored. */
    @FunctionalInterface
    interface Writer {
        /**
         * @param key   the key being written
         * @param value its new value
         */
        void beforeStore(String key, byte[] value);
    }

    private final Map<String, byte[]> map;
    private final String what;
    private final Writer writer;

    MapKeyValue(final Map<String, byte[]> map, final String what, final Writer writer) {
        this.map = map;
        this.what = what;
        this.writer = writer;
    }

    @Override
    public void get(final KeyValue.GetParams.Reader params, final KeyValue.GetResults.Builder results,
                    final ServerCall call) {
        final byte[] value = map.get(params.getKey().toString());
        if (value == null) {
            throw new KeyValue.NotFoundException("no " + what + " under " + params.getKey());
        }
        results.setValue(value);
    }

    @Override
    public void put(final KeyValue.PutParams.Reader params, final KeyValue.PutResults.Builder results,
                    final ServerCall call) {
        final String key = params.getKey().toString();
        final byte[] value = params.getValue().toArray();
        writer.beforeStore(key, value);
        results.setReplaced(map.put(key, value) != null);
    }

    @Override
    public void delete(final KeyValue.DeleteParams.Reader params, final KeyValue.DeleteResults.Builder results,
                       final ServerCall call) {
        if (map.remove(params.getKey().toString()) == null) {
            throw new KeyValue.NotFoundException("no " + what + " under " + params.getKey());
        }
    }
}
