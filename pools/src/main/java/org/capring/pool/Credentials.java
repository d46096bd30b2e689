package org.capring.pool;

import java.util.Objects;

/**
 * Credentials presented on a connection (to its peer, or to a proxy hop). A part of the {@link PoolKey}: a connection
 * opened with one credential is never handed to a caller with another. Secrets are compared in full and never
 * printed ({@link Secret}).
 *
 * {@snippet :
 * Credentials none = Credentials.none();
 * Credentials token = Credentials.bearer(Secret.ofUtf8("s3cr3t"));
 * Credentials login = Credentials.basic("alice", Secret.ofUtf8("pa55"));
 * }
 */
public sealed interface Credentials {
    /** @return the scheme, e.g. {@code bearer} */
    String scheme();

    /** No credential at all: stated explicitly, never assumed. */
    record None() implements Credentials {
        @Override
        public String scheme() {
            return "none";
        }
    }

    /**
     * A bearer token.
     *
     * @param token the token
     */
    record Bearer(Secret token) implements Credentials {
        /**
         * @throws NullPointerException if {@code token} is null
         */
        public Bearer {
            token = Objects.requireNonNull(token, "token").copy(); // the caller may wipe its own
        }

        @Override
        public String scheme() {
            return "bearer";
        }
    }

    /**
     * A user name and a password.
     *
     * @param user     the user name (not secret; printed)
     * @param password the password (secret)
     */
    record Basic(String user, Secret password) implements Credentials {
        /**
         * @throws NullPointerException     if either part is null
         * @throws IllegalArgumentException if {@code user} is empty or contains a colon (it could not be told apart
         *                                  from the password on the wire)
         */
        public Basic {
            Objects.requireNonNull(user, "user");
            password = Objects.requireNonNull(password, "password").copy(); // the caller may wipe its own
            if (user.isEmpty() || user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a basic user name is non-empty and has no ':'");
            }
        }

        @Override
        public String scheme() {
            return "basic";
        }
    }

    /** @return no credential */
    static Credentials none() {
        return new None();
    }

    /**
     * @param token the token
     * @return a bearer credential
     * @throws NullPointerException if {@code token} is null
     */
    static Credentials bearer(final Secret token) {
        return new Bearer(token);
    }

    /**
     * @param user     the user name
     * @param password the password
     * @return a basic credential
     * @throws NullPointerException     if either part is null
     * @throws IllegalArgumentException if {@code user} is empty or contains a colon
     */
    static Credentials basic(final String user, final Secret password) {
        return new Basic(user, password);
    }
}
