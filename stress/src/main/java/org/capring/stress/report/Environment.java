package org.capring.stress.report;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Objects;

import org.capring.report.Machine;

/**
 * Where a run measured: the JDK, the JVM flags, the CPU and core count, the OS.
 *
 * @param jdk          {@code java.version} and {@code java.vm.name}
 * @param jvmFlags     the JVM's input arguments
 * @param cpuModel     the CPU model
 * @param logicalCores processors available to the JVM
 * @param os           the operating system
 */
public record Environment(String jdk, List<String> jvmFlags, String cpuModel, int logicalCores, String os) {
    /** Copies the flags. */
    public Environment {
        Objects.requireNonNull(jdk, "jdk");
        jvmFlags = List.copyOf(jvmFlags);
        Objects.requireNonNull(cpuModel, "cpuModel");
        Objects.requireNonNull(os, "os");
    }

    /** @return this JVM's environment */
    public static Environment current() {
        return new Environment(System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + " "
            + System.getProperty("java.vm.version") + ")", ManagementFactory.getRuntimeMXBean().getInputArguments(),
            Machine.cpuModel(), Machine.logicalCores(), Machine.os());
    }
}
