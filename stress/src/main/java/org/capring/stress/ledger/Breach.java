package org.capring.stress.ledger;

import java.util.Objects;

/**
 * One broken invariant.
 *
 * @param kind   what broke
 * @param id     the call involved, or {@value #NO_CALL} when the breach is not about one call
 * @param detail what was seen, for the report and the console
 */
public record Breach(BreachKind kind, long id, String detail) {
    /** The id of a breach that involves no single call. */
    public static final long NO_CALL = -1;

    /**
     * @throws NullPointerException if kind or detail is null
     */
    public Breach {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return kind + (id == NO_CALL ? "" : " id=" + id) + ": " + detail;
    }
}
