package org.capring.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The facts of the machine a run measures on that a result must carry: CPU model, core count, operating system.
 * Stateless; thread-safe.
 */
public final class Machine {
    /** Stands for a fact that could not be found. */
    public static final String UNKNOWN = "unknown";

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final String MODEL_NAME = "model name";

    private Machine() {
    }

    /** @return the CPU model of this machine, or {@value #UNKNOWN} */
    public static String cpuModel() {
        List<String> cpuinfo;
        try {
            cpuinfo = Files.readAllLines(CPUINFO, StandardCharsets.UTF_8);
        } catch (final IOException | SecurityException e) {
            cpuinfo = List.of();
        }
        return cpuModel(cpuinfo);
    }

    /**
     * @param cpuinfo the lines of {@code /proc/cpuinfo}
     * @return the value of the first {@code model name} line, or {@value #UNKNOWN} when there is none (some ARM
     *     kernels, other operating systems)
     */
    public static String cpuModel(final List<String> cpuinfo) {
        for (final String line : cpuinfo) {
            final int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(MODEL_NAME)) {
                final String model = line.substring(colon + 1).strip();
                if (!model.isEmpty()) {
                    return model;
                }
            }
        }
        return UNKNOWN;
    }

    /** @return the processors available to this JVM */
    public static int logicalCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** @return {@code os.name os.version (os.arch)} */
    public static String os() {
        return System.getProperty("os.name", UNKNOWN) + " " + System.getProperty("os.version", UNKNOWN) + " ("
            + System.getProperty("os.arch", UNKNOWN) + ")";
    }

    /**
     * @param cpuModel a CPU model
     * @return the model as a file-name slug, e.g. {@code intel-xeon-platinum-8375c-cpu-2-90ghz}, as the launcher
     *     names result directories
     */
    public static String slug(final String cpuModel) {
        final String slug = cpuModel.toLowerCase(Locale.ROOT).replaceAll("\\([^)]*\\)", "")
            .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "cpu" : slug;
    }
}
