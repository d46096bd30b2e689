package org.capring.pool.net;

import java.io.IOException;

import org.capring.pool.PoolKey;

/**
 * A connector was given a key it cannot dial exactly as stated (a TLS key to the plain TCP connector, a cleartext
 * key to the TLS connector): it refuses rather than dial something else.
 */
public final class UnsupportedKeyException extends IOException {
    private static final long serialVersionUID = 1L;

    private final PoolKey.Field field;

    UnsupportedKeyException(final PoolKey.Field field, final String detail) {
        super(field + ": " + detail);
        this.field = field;
    }

    /** @return the key field the connector cannot honour */
    public PoolKey.Field field() {
        return field;
    }
}
