package org.capring.bench.publish;

/** How a {@link SchemeQueue} tells its consumer that an entry is ready. */
public enum Scheme {
    /** capring's original: commit sequence (position + 1) in the entry's last word, release-stored after the payload. */
    SEQ_LAST(0, false),
    /** The commit sequence in the entry's first word, still stored last. */
    SEQ_FIRST(8, false),
    /**
     * Agrona's order: the first word is release-stored negative when the entry is claimed, the payload follows, and
     * the commit stores the positive sequence.
     */
    AGRONA_ORDER(8, false),
    /** As {@link #SEQ_LAST}, but the payload is written to a private scratch line and copied in with one copy. */
    SEQ_LAST_COPY(0, false),
    /** As {@link #SEQ_LAST}; a consumer that finds the entry not ready pauses eight times before it returns. */
    SEQ_LAST_BACKOFF(0, false),
    /** A tail counter on its own line, release-stored once per submit; the consumer never polls an entry. */
    TAIL(0, true),
    /** Commit sequences in a separate array (eight per line); the consumer polls that array, not the entry. */
    COMMIT_ARRAY(0, false);

    private final int payloadOffset;
    private final boolean tail;

    Scheme(final int payloadOffset, final boolean tail) {
        this.payloadOffset = payloadOffset;
        this.tail = tail;
    }

    /** @return byte offset of payload word 0 in an entry */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** @return whether the consumer learns of entries from a published tail */
    public boolean publishesTail() {
        return tail;
    }
}
