package org.capring.ring;

/**
 * How a queue's consumer waits for entries, recorded in the ring header for each queue.
 */
public enum WakeupMode {
    /**
     * The consumer may park; every {@link RingProducer#submit()} issues a full fence and checks NEED_WAKEUP so
     * that a parked consumer is woken (the io_uring SQPOLL rule). The default: safe for any consumer thread,
     * virtual or platform.
     */
    SIGNAL(1),
    /**
     * The consumer never parks on the queue; it polls, backing off with spins, yields or timed sleeps.
     * Producers skip the fence and the flag check. For a dedicated consumer on its own core, where the fence on
     * every submit costs more than it saves.
     */
    POLL(2);

    private final int code;

    WakeupMode(final int code) {
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
    public static WakeupMode fromCode(final int code) {
        return switch (code) {
            case 1 -> SIGNAL;
            case 2 -> POLL;
            default -> throw new IllegalArgumentException("unknown wake-up mode code " + code);
        };
    }
}
