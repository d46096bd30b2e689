package org.capring.stress.sut;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

import org.capring.ring.call.ServerCall;
import org.capring.schema.kv.KvProtocol.KeyValue;

/**
 * KeyValue's handler in every system under test, over a map that outlives instances: runs the harness's
 * {@link ServerWork} for the call id its key carries (none for a readiness probe of {@value #PROBE_KEY}), then
 * reads or writes the map. A key is {@code k<n>#<id>}: the stored key, then the call id ({@link #key}). Thread-safe.
 *
 * @param work  the harness's part of the handler
 * @param store the values, by stored key
 */
record HarnessKeyValue(ServerWork work, ConcurrentHashMap<String, Long> store) implements KeyValue.Server {
    /** Keys the load spreads over. */
    static final int KEYS = 1024;
    /** The key a readiness probe reads: never a call's. */
    static final String PROBE_KEY = "capring.stress.probe";

    /**
     * @param id a call id
     * @return the key of call {@code id}: the stored key, then {@code #} and the id
     */
    static String key(final long id) {
        return "k" + (id % KEYS) + "#" + id;
    }

    /**
     * @param key a key made by {@link #key}
     * @return the call id it carries
     * @throws NumberFormatException if it carries none
     */
    static long idOf(final String key) {
        return Long.parseLong(key, key.indexOf('#') + 1, key.length(), 10);
    }

    /**
     * @param id a call id
     * @return the value a put of call {@code id} stores: the id, eight bytes big-endian
     */
    static byte[] idBytes(final long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    private static String storedKey(final String key) {
        return key.substring(0, key.indexOf('#'));
    }

    @Override
    public void get(final KeyValue.GetParams.Reader params, final KeyValue.GetResults.Builder results,
                    final ServerCall call) throws InterruptedException {
        final String key = params.getKey().toString();
        if (key.equals(PROBE_KEY)) {
            throw new KeyValue.NotFoundException("the probe's key holds nothing");
        }
        work.execute(idOf(key));
        final Long value = store.get(storedKey(key));
        if (value == null) {
            throw new KeyValue.NotFoundException("nothing under " + storedKey(key));
        }
        results.setValue(idBytes(value));
    }

    @Override
    public void put(final KeyValue.PutParams.Reader params, final KeyValue.PutResults.Builder results,
                    final ServerCall call) throws InterruptedException {
        final String key = params.getKey().toString();
        final long id = idOf(key);
        work.execute(id);
        results.setReplaced(store.put(storedKey(key), id) != null);
    }

    @Override
    public void delete(final KeyValue.DeleteParams.Reader params, final KeyValue.DeleteResults.Builder results,
                       final ServerCall call) throws InterruptedException {
        final String key = params.getKey().toString();
        work.execute(idOf(key));
        if (store.remove(storedKey(key)) == null) {
            throw new KeyValue.NotFoundException("nothing under " + storedKey(key));
        }
    }
}
