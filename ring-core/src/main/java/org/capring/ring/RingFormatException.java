package org.capring.ring;

import java.io.Serial;

/**
 * Ring memory whose header is not a valid ring: thrown when attaching, before anything beyond the header is read.
 */
public final class RingFormatException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What is wrong with the header. */
    public enum Reason {
        /** The memory is shorter than the header. */
        TRUNCATED,
        /** The first four bytes are not {@link RingLayout#MAGIC}: not a ring, or not yet initialised. */
        BAD_MAGIC,
        /** The ring was written by a different, unsupported format version. */
        UNSUPPORTED_VERSION,
        /** A capacity or region size breaks the rules of {@link RingLayout#checkCapacity}, or a mode code is unknown. */
        BAD_CAPACITY,
        /** The recorded total length, the length implied by the capacities and the memory length differ. */
        LENGTH_MISMATCH,
        /** A head or tail index is negative, behind its head, or more than a capacity ahead. */
        INDEX_OUT_OF_RANGE
    }

    private final Reason reason;

    /**
     * @param reason  what is wrong
     * @param message details naming the offending value
     */
    public RingFormatException(final Reason reason, final String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    /** @return what is wrong with the header */
    public Reason reason() {
        return reason;
    }
}
