package org.capring.bench;

/**
 * JVM flags and sizes shared by every benchmark, so that capring and its peers always run the same workload
 * in identically configured forks.
 */
public final class BenchFlags {
    /** Agrona 2.x reaches jdk.internal.misc on JDK 25. */
    public static final String ADD_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    /** JDK 24+ warns when libraries (Agrona, JCTools, Disruptor) use sun.misc.Unsafe memory access. */
    public static final String UNSAFE_ALLOW = "--sun-misc-unsafe-memory-access=allow";
    /** The ring maps and allocates memory through java.lang.foreign. */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** Fixed heap: no resizing during measurement. */
    public static final String XMS = "-Xms1g";
    /** Fixed heap: no resizing during measurement. */
    public static final String XMX = "-Xmx1g";
    /** Pre-touched heap: no page faults during measurement. */
    public static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    /** Runs the JMH benchmark threads as virtual threads (JMH 1.37's VIRTUAL executor). */
    public static final String VIRTUAL_EXECUTOR = "-Djmh.executor=VIRTUAL";

    /** One carrier thread for every virtual thread: hand-offs never migrate between cores. */
    public static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";

    /** Entries (or slots, or events) of every queue under test whose capacity is not a benchmark parameter. */
    public static final int CAPACITY = 1024;
    /** Entries per batch in the batched variants. */
    public static final int BATCH = 32;

    /**
     * Polling style {@code @Param} value: every spin, empty-poll and full-queue loop calls {@link Thread#onSpinWait()}
     * (a PAUSE on x86), as the JDK's and Agrona's back-off strategies do.
     */
    public static final String ON_SPIN_WAIT = "onSpinWait";
    /**
     * Polling style {@code @Param} value: no loop pauses, the way Disruptor's {@code BusySpinWaitStrategy} and JCTools'
     * own benchmarks poll.
     */
    public static final String BUSY = "busy";

    /**
     * @param style a polling style, {@value #ON_SPIN_WAIT} or {@value #BUSY}
     * @return whether loops of that style call {@link Thread#onSpinWait()}
     * @throws IllegalArgumentException if the style is neither
     */
    public static boolean pauses(final String style) {
        return switch (style) {
            case ON_SPIN_WAIT -> true;
            case BUSY -> false;
            default -> throw new IllegalArgumentException("unknown polling style: " + style);
        };
    }

    private BenchFlags() {
    }
}
