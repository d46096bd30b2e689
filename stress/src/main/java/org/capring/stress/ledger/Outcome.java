package org.capring.stress.ledger;

/**
 * The one terminal outcome of an intended call, as Jepsen's history would record it. Ordinals are the ledger's
 * state codes minus {@link #FIRST_CODE}.
 */
public enum Outcome {
    /** The call ran and answered OK (Jepsen {@code :ok}); its handler must have executed exactly once. */
    COMPLETED,
    /** Refused before dispatch with a typed transport status (Jepsen {@code :fail}); its handler never ran. */
    REFUSED,
    /** Failed after dispatch with a typed error, an application error most of all; the handler ran once. */
    FAILED,
    /** Cancelled or timed out after dispatch: it may or may not have run (Jepsen {@code :info}). */
    INDETERMINATE;

    /** The ledger state code of the first outcome; codes below it mean "not issued" and "in flight". */
    static final int FIRST_CODE = 2;

    /** @return this outcome's ledger state code */
    int code() {
        return FIRST_CODE + ordinal();
    }

    /**
     * @param code a ledger state code of a terminal outcome
     * @return its outcome
     */
    static Outcome ofCode(final int code) {
        return values()[code - FIRST_CODE];
    }

    /** @return the outcome's name in reports, e.g. {@code indeterminate} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
