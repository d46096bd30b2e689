package org.capring.ring.call;

import java.util.Objects;

/**
 * A server-side capability object: the interface it implements, how many methods that interface has, and the
 * handler that serves them. Immutable and thread-safe. A capability reaches a client only by grant into that
 * client's {@link CapSet}; the object itself carries no authority beyond that.
 *
 * @param name        for diagnostics only (never used for lookup)
 * @param interfaceId the capnp interface id a caller must name
 * @param methodCount methods 0 .. methodCount-1 exist
 * @param handler     serves every call
 * @param nonBlocking the handler never blocks (no sleeping, no locks held for long, no I/O, no waiting for other
 *                    calls): a {@link DispatchMode#ENDPOINT_LOOP} server may then run a call on its reader when the
 *                    capability has no other call queued or running, which saves a hand-off between threads (on two
 *                    cores it halved a call's latency and more). A handler declared non-blocking that does block holds
 *                    up every capability of the ring while it blocks. Default false.
 */
public record Capability(String name, long interfaceId, int methodCount, CallHandler handler, boolean nonBlocking) {
    /**
     * @throws NullPointerException     if name or handler is null
     * @throws IllegalArgumentException if methodCount is not in [0, 65536]
     */
    public Capability {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        if (methodCount < 0 || methodCount > 0x1_0000) {
            throw new IllegalArgumentException("methodCount must be in [0, 65536]: " + methodCount);
        }
    }

    /**
     * A capability whose handler may block (the safe default).
     *
     * @param name        for diagnostics only
     * @param interfaceId the capnp interface id a caller must name
     * @param methodCount methods 0 .. methodCount-1 exist
     * @param handler     serves every call
     * @throws NullPointerException     if name or handler is null
     * @throws IllegalArgumentException if methodCount is not in [0, 65536]
     */
    public Capability(final String name, final long interfaceId, final int methodCount, final CallHandler handler) {
        this(name, interfaceId, methodCount, handler, false);
    }

    /**
     * @return a new capability (a distinct object, to grant instead of this one) with the same handler, declared
     *     {@link #nonBlocking() non-blocking}
     */
    public Capability asNonBlocking() {
        return new Capability(name, interfaceId, methodCount, handler, true);
    }

    // Identity semantics: two grants of equal-looking capabilities are still different objects.
    @Override
    public boolean equals(final Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "Capability{" + name + ", interface=0x" + Long.toHexString(interfaceId) + ", methods=" + methodCount
            + (nonBlocking ? ", non-blocking" : "") + "}";
    }
}
