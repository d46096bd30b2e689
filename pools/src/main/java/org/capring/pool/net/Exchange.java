package org.capring.pool.net;

/** How messages pair up on a connection, which decides when its protocol state is fully consumed. */
public enum Exchange {
    /**
     * Every message sent is answered by exactly one message received; a connection returned with a reply still
     * outstanding is closed ({@link org.capring.pool.CloseReason#UNANSWERED_REQUEST}), because the late reply would
     * reach the next borrower.
     */
    REQUEST_REPLY,
    /** Messages flow either way without pairing; only unread bytes and half messages make a return unclean. */
    UNPAIRED
}
