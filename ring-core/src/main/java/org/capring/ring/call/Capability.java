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
 */
public record Capability(String name, long interfaceId, int methodCount, CallHandler handler) {
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
        return "Capability{" + name + ", interface=0x" + Long.toHexString(interfaceId) + ", methods=" + methodCount + "}";
    }
}
