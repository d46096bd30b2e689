package org.capring.bench.pool;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.capring.pool.Credentials;
import org.capring.pool.PoolKey;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Sizes, keys and the pooled object shared by every subject of the {@code pool} measure. */
public final class PoolBench {
    /** Objects per key (and per unkeyed pool): enough for two threads with room to spare. */
    public static final int OBJECTS = 4;
    /** Keys of the {@code thousandKeys} variants. */
    public static final int KEYS = 1000;

    /** The key of the one-key variants. */
    public static final PoolKey ONE = key(-1);
    /** The keys of the thousand-key variants. */
    public static final PoolKey[] THOUSAND = keys();

    private PoolBench() {
    }

    /** The trivial pooled object: a counter each lease touches once. */
    public static final class Thing {
        private long uses;

        /** @return the number of uses so far, after counting this one */
        public long touch() {
            return ++uses;
        }
    }

    /**
     * @param n key number
     * @return a complete key, distinct for every {@code n}
     */
    public static PoolKey key(final int n) {
        try {
            return PoolKey.builder().address(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})).port(7000)
                .transport(PoolKey.Transport.TCP).cleartext().direct().credentials(Credentials.none())
                .authority(1, 0).tenant("tenant-" + n).noCallerIdentity().requestPolicy("passthrough").build();
        } catch (final UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@link #KEYS} distinct keys */
    public static PoolKey[] keys() {
        final PoolKey[] keys = new PoolKey[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = key(i);
        }
        return keys;
    }

    /** Each benchmark thread's position in the key walk (threads start at different keys). */
    @State(Scope.Thread)
    public static class Walk {
        private int next = (int) (Thread.currentThread().threadId() * 397 % KEYS);

        /** @return the next key index */
        public int next() {
            final int i = next;
            next = i + 1 == KEYS ? 0 : i + 1;
            return i;
        }
    }
}
