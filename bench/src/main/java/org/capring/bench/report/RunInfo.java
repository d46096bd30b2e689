package org.capring.bench.report;

import java.util.List;
import java.util.Objects;

/**
 * The JVM and JMH settings a run reports with each result. A value that differs between results is shown as all
 * its distinct values joined by {@value #SEPARATOR}; a value no result carries is {@value #UNKNOWN}.
 *
 * @param jmhVersion  JMH's version
 * @param jdkVersion  the forked JVM's {@code java.version}
 * @param vmName      the forked JVM's name
 * @param vmVersion   the forked JVM's version
 * @param jvm         the path of the forked JVM's launcher
 * @param jvmArgs     the forks' JVM arguments, one entry per distinct argument list
 * @param forks       forks per benchmark
 * @param threads     threads per benchmark (groups count all their threads)
 * @param warmup      warmup iterations and their time, e.g. {@code 2 × 1 s}
 * @param measurement measurement iterations and their time, e.g. {@code 3 × 1 s}
 */
public record RunInfo(String jmhVersion, String jdkVersion, String vmName, String vmVersion, String jvm,
                      List<String> jvmArgs, String forks, String threads, String warmup, String measurement) {
    /** Stands for a setting no result reports. */
    public static final String UNKNOWN = "unknown";
    /** Joins the distinct values of a setting that differs between results. */
    public static final String SEPARATOR = " / ";

    /**
     * @throws NullPointerException if any component is null
     */
    public RunInfo {
        Objects.requireNonNull(jmhVersion, "jmhVersion");
        Objects.requireNonNull(jdkVersion, "jdkVersion");
        Objects.requireNonNull(vmName, "vmName");
        Objects.requireNonNull(vmVersion, "vmVersion");
        Objects.requireNonNull(jvm, "jvm");
        jvmArgs = List.copyOf(jvmArgs);
        Objects.requireNonNull(forks, "forks");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(measurement, "measurement");
    }
}
