package org.capring.pool;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 digest of some encoded material (a certificate, a key): how a {@link PoolKey} compares trust anchors and
 * client identities by content rather than by object identity or by name. Immutable; ordered by unsigned bytes, so
 * that a set of fingerprints has one canonical order.
 */
public final class Fingerprint implements Comparable<Fingerprint> {
    /** Bytes of a SHA-256 digest. */
    public static final int LENGTH = 32;

    private final byte[] digest;

    private Fingerprint(final byte[] digest) {
        this.digest = digest;
    }

    /**
     * @param encoded the material, e.g. {@code certificate.getEncoded()}
     * @return its SHA-256 fingerprint
     * @throws NullPointerException if {@code encoded} is null
     */
    public static Fingerprint sha256(final byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        try {
            return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @return the digest as lower-case hex */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Fingerprint that && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public int compareTo(final Fingerprint other) {
        return Arrays.compareUnsigned(digest, other.digest);
    }

    /** @return the first 8 bytes in hex, enough to tell fingerprints apart in a log line */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
