package org.capring.bench.throughput;

import org.capring.bench.PollingStyle;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The throughput matrix every subject runs, as JMH parameters (the report compares subjects cell by cell): the
 * polling style, entries per submit, entries per drain, queue capacity and words the consumer reads. A subject
 * extends this and reads the values in its {@code @Setup}.
 */
@State(Scope.Group)
public abstract class ThroughputParams extends PollingStyle {
    /** Entries the producer claims and publishes per submit: one at a time, or a batch. */
    @Param({"1", "32"})
    public int submit;

    /** Most entries the consumer takes per poll or drain call. */
    @Param({"1", "64"})
    public int drain;

    /** Entries of the queue. */
    @Param({"1024", "16384"})
    public int capacity;

    /**
     * Words of each entry the consumer reads: 1 (the userData word) or 8 (the whole 64-byte entry: the seven payload
     * words, plus the queue's own word, which the queue reads itself).
     */
    @Param({"1", "8"})
    public int read;

    /**
     * Checks the parameters and derives {@link #pause}; every subject calls it first in its trial set-up.
     *
     * @throws IllegalArgumentException if a parameter is out of range
     */
    @Override
    protected final void setUpParams() {
        super.setUpParams();
        if (submit < 1 || drain < 1 || submit > capacity || (read != 1 && read != Payload.WORDS + 1)) {
            throw new IllegalArgumentException("bad throughput parameters: submit=" + submit + ", drain=" + drain
                + ", capacity=" + capacity + ", read=" + read);
        }
    }
}
