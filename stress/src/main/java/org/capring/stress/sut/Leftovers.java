package org.capring.stress.sut;

import java.util.Objects;

/**
 * What a stopped system under test still holds. Everything must be zero at the end of a run; a count the system
 * does not have is {@value #NOT_APPLICABLE}.
 *
 * @param slotsHeld       client call slots not returned
 * @param threadsAlive    server and client threads that did not end
 * @param contextsOpen    per-call contexts opened and not closed
 * @param backgroundTasks background tasks still running
 * @param detail          what was checked, in words
 */
public record Leftovers(long slotsHeld, long threadsAlive, long contextsOpen, long backgroundTasks, String detail) {
    /** A count the system does not keep. */
    public static final long NOT_APPLICABLE = -1;

    /**
     * @throws NullPointerException if detail is null
     */
    public Leftovers {
        Objects.requireNonNull(detail, "detail");
    }

    /** @return true if nothing is left */
    public boolean clean() {
        return slotsHeld <= 0 && threadsAlive <= 0 && contextsOpen <= 0 && backgroundTasks <= 0;
    }
}
