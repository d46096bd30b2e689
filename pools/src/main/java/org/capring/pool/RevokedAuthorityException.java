package org.capring.pool;

/**
 * The key's authority epoch was revoked ({@link KeyedPool#revokeAuthority}): no connection is lent under it, and a
 * connect for it that completes after the revocation is closed, never pooled.
 */
public final class RevokedAuthorityException extends PoolException {
    private static final long serialVersionUID = 1L;

    private final long minimumEpoch;

    RevokedAuthorityException(final PoolKey key, final long minimumEpoch) {
        super(key, "authority " + key.authorityId() + " epoch " + key.authorityEpoch() + " revoked (now at least "
            + minimumEpoch + ")", null);
        this.minimumEpoch = minimumEpoch;
    }

    /** @return the lowest epoch of the key's authority that is still valid */
    public long minimumEpoch() {
        return minimumEpoch;
    }
}
