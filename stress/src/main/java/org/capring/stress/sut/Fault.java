package org.capring.stress.sut;

import java.util.Locale;
import java.util.Objects;

/**
 * A bug injected into the system under test at one call, to prove that the ledger catches it
 * ({@link FaultInjectingSystem}).
 *
 * @param kind what goes wrong
 * @param id   the call it goes wrong for
 */
public record Fault(Kind kind, long id) {
    /** What goes wrong. */
    public enum Kind {
        /** The call's answer never reaches its caller, who waits until the run is torn down. */
        DROP_COMPLETION,
        /** The handler executes the call twice. */
        EXECUTE_TWICE,
        /** The handler executes the call, then answers with a refusal (SHUTTING_DOWN, not dispatched). */
        REFUSE_AFTER_DISPATCH;

        /** @return the name on the command line, e.g. {@code drop-completion} */
        public String flagName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @throws NullPointerException     if kind is null
     * @throws IllegalArgumentException if id is negative
     */
    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (id < 0) {
            throw new IllegalArgumentException("a fault's call id must not be negative: " + id);
        }
    }

    @Override
    public String toString() {
        return kind.flagName() + ":" + id;
    }
}
