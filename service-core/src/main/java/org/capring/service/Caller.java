package org.capring.service;

import java.util.Objects;

/**
 * Who made a call, as the ring knows it: the holder whose ring (and so whose CapSet) the call came through. A
 * holder holds only what its declaration granted, so this names the authority the call was made with.
 *
 * @param holder the holder's name: a dependent service's name, a {@link ServiceClient}'s name, or
 *               {@value #PROBE} for the host's readiness probes
 * @param kind   what kind of holder it is
 */
public record Caller(String holder, Kind kind) {
    /** The holder name of the host's readiness probes. */
    public static final String PROBE = "probe";

    /** Kinds of holders. */
    public enum Kind {
        /** A service calling a dependency it declared. */
        SERVICE,
        /** A {@link ServiceClient} of the host. */
        CLIENT,
        /** The host probing an instance before routing calls to it. */
        PROBE
    }

    /**
     * @throws NullPointerException if a component is null
     */
    public Caller {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(kind, "kind");
    }
}
