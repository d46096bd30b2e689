package org.capring.pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A credential's bytes (a bearer token, a password): compared in full, never printed.
 *
 * <p>{@link #equals} compares every byte in constant time ({@link MessageDigest#isEqual}); {@link #hashCode} depends
 * only on the length, so that a hash never carries the secret into an index or a log; {@link #toString} names no
 * byte of it. Thread-safe; the bytes are copied in and out, and change only by {@link #wipe()}: {@link Credentials}
 * keep a copy of their own, so a caller that wipes its secret after use changes no key that holds it.
 */
public final class Secret {
    private final byte[] bytes;

    private Secret(final byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes the secret's bytes, copied
     * @return the secret
     * @throws NullPointerException     if {@code bytes} is null
     * @throws IllegalArgumentException if {@code bytes} is empty (an empty secret is no credential: say
     *                                  {@link Credentials#none()} instead)
     */
    public static Secret of(final byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("an empty secret is no credential; use Credentials.none()");
        }
        return new Secret(bytes.clone());
    }

    /**
     * @param text the secret as text, encoded as UTF-8
     * @return the secret
     * @throws NullPointerException     if {@code text} is null
     * @throws IllegalArgumentException if {@code text} is empty
     */
    public static Secret ofUtf8(final String text) {
        return of(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /** @return a copy of the secret's bytes, for the code that puts it on the wire */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return a secret of its own with the same bytes */
    Secret copy() {
        return new Secret(bytes.clone());
    }

    /** @return the number of bytes */
    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof Secret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.length;
    }

    /** @return {@code Secret[redacted]}: never any byte of the secret */
    @Override
    public String toString() {
        return "Secret[redacted]";
    }

    /** Overwrites this secret's bytes with zeros; afterwards it equals only other wiped secrets of its length. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }
}
