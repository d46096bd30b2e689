package org.capring.pool;

import java.util.Objects;

/**
 * A {@link PoolKey.Builder} refused to build: a field that affects authority, identity, confidentiality or protocol
 * was left unset, set to a value it cannot take, or set although it does not apply (a TLS field on a cleartext key).
 * Nothing is built; the builder stays usable and can be completed.
 */
public final class PoolKeyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the field. */
    public enum Problem {
        /** The field was never set: no key field has a default. */
        MISSING,
        /** The value cannot be used (out of range, inconsistent with another field). */
        INVALID,
        /** The field does not apply to this key (a TLS field of a cleartext key). */
        NOT_APPLICABLE
    }

    private final PoolKey.Field field;
    private final Problem problem;

    /**
     * @param field   the field at fault
     * @param problem what is wrong with it
     * @param detail  a sentence for people
     */
    public PoolKeyException(final PoolKey.Field field, final Problem problem, final String detail) {
        super(problem + " key field " + field + ": " + detail);
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** @return the field at fault */
    public PoolKey.Field field() {
        return field;
    }

    /** @return what is wrong with it */
    public Problem problem() {
        return problem;
    }
}
