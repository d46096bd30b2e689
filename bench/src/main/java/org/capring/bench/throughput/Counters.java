package org.capring.bench.throughput;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Per-thread counters of the throughput groups: JMH counts calls, these count items. */
public final class Counters {
    private Counters() {
    }

    /** Items the consumer received; reported as {@code items} per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Consumed {
        /** Items received in this iteration. */
        public long items;
        /** Sum of the payload words read, so that reads cannot be removed (not public: not a counter). */
        long sink;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            items = 0;
        }
    }

    /** The producer's own sequence; a separate state object so it shares no cache line with the consumer. */
    @State(Scope.Thread)
    public static class Produced {
        /** Next value to send. */
        public long next;
    }
}
