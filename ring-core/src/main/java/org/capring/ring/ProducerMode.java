package org.capring.ring;

/**
 * How many threads may produce into one queue of a ring. Recorded in the ring header so that a process that
 * attaches uses the same protocol as the one that created the ring.
 */
public enum ProducerMode {
    /**
     * Exactly one producer thread (in one process). Claiming is private to the producer; no CAS.
     */
    SINGLE(1),
    /**
     * Any number of producer threads, in any number of processes. Each producer claims a range of positions by
     * CAS on the shared tail.
     */
    MULTI(2);

    private final int code;

    ProducerMode(final int code) {
        this.code = code;
    }

    /** @return the value stored in the ring header */
    public int code() {
        return code;
    }

    /**
     * @param code a value read from a ring header
     * @return the mode it names
     * @throws IllegalArgumentException if the code names no mode
     */
    public static ProducerMode fromCode(final int code) {
        return switch (code) {
            case 1 -> SINGLE;
            case 2 -> MULTI;
            default -> throw new IllegalArgumentException("unknown producer mode code " + code);
        };
    }
}
