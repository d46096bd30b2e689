package org.capring.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.capring.report.Machine;

/**
 * The facts about the machine a run measured on, which JMH's JSON does not carry. They are recorded in
 * {@code machine.json} next to {@code jmh.json} the first time a report is generated (right after the run) and
 * read back from then on, so a report regenerated later, elsewhere, still names the machine that ran it.
 *
 * @param cpuModel     the first {@code model name} in {@code /proc/cpuinfo}, or {@value #UNKNOWN}
 * @param logicalCores the processors available to the JVM (what the benchmark forks could use), at least 1
 * @param osName       {@code os.name}
 * @param osVersion    {@code os.version}
 * @param osArch       {@code os.arch}
 * @param runDate      when the run finished: the modification time of {@code jmh.json} when the facts were recorded,
 *                     as an ISO-8601 instant, or {@value #UNKNOWN}
 */
public record MachineInfo(String cpuModel, int logicalCores, String osName, String osVersion, String osArch,
                          String runDate) {
    /** The file name the facts are kept in, inside the run directory. */
    public static final String FILE_NAME = "machine.json";
    /** Stands for a fact that could not be found. */
    public static final String UNKNOWN = Machine.UNKNOWN;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * @throws NullPointerException     if a string is null
     * @throws IllegalArgumentException if {@code logicalCores} is below 1
     */
    public MachineInfo {
        Objects.requireNonNull(cpuModel, "cpuModel");
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(osArch, "osArch");
        Objects.requireNonNull(runDate, "runDate");
        if (logicalCores < 1) {
            throw new IllegalArgumentException("logicalCores must be at least 1: " + logicalCores);
        }
    }

    /**
     * Reads the facts of the machine this JVM runs on.
     *
     * @param runDate when the run finished; recorded to the second
     * @return the facts
     */
    public static MachineInfo detect(final Instant runDate) {
        return new MachineInfo(Machine.cpuModel(), Machine.logicalCores(),
            System.getProperty("os.name", UNKNOWN), System.getProperty("os.version", UNKNOWN),
            System.getProperty("os.arch", UNKNOWN), runDate.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /**
     * @param cpuinfo the lines of {@code /proc/cpuinfo}
     * @return the value of the first {@code model name} line, or {@value #UNKNOWN} when there is none (some ARM
     *     kernels, other operating systems)
     */
    public static String cpuModel(final List<String> cpuinfo) {
        return Machine.cpuModel(cpuinfo);
    }

    /**
     * Returns the facts kept in {@code runDir/machine.json}, recording them first from {@code detector} when the
     * file does not exist. An existing file is never rewritten.
     *
     * @param runDir   the run directory
     * @param detector supplies this machine's facts; called only when the file is absent
     * @return the kept facts
     * @throws ReportException {@code INVALID_MACHINE_FILE} if the kept file is not valid, {@code OUTPUT_FAILED} if
     *                         it cannot be written
     */
    public static MachineInfo readOrRecord(final Path runDir, final Supplier<MachineInfo> detector)
        throws ReportException {
        final Path file = runDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try {
                return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } catch (final IOException e) {
                throw new ReportException(ReportException.Reason.INVALID_MACHINE_FILE, "cannot read " + file, e);
            }
        }
        final MachineInfo detected = detector.get();
        try {
            Files.writeString(file, detected.toJson(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new ReportException(ReportException.Reason.OUTPUT_FAILED, "cannot write " + file, e);
        }
        return detected;
    }

    /**
     * @param json   the text of a {@code machine.json}
     * @param source where the text came from, used in messages
     * @return the facts; a missing {@code runDate} reads as {@value #UNKNOWN}, unknown fields are ignored
     * @throws ReportException {@code INVALID_MACHINE_FILE} if the text is not a JSON object with the fields above
     */
    public static MachineInfo fromJson(final String json, final String source) throws ReportException {
        final JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (final JsonProcessingException e) {
            throw invalid(source, "is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid(source, "is not a JSON object");
        }
        final JsonNode cores = root.get("logicalCores");
        if (cores == null || !cores.canConvertToInt() || !cores.isIntegralNumber() || cores.intValue() < 1) {
            throw invalid(source, "has no positive integer 'logicalCores'");
        }
        final JsonNode runDate = root.get("runDate");
        return new MachineInfo(string(root, "cpuModel", source), cores.intValue(), string(root, "osName", source),
            string(root, "osVersion", source), string(root, "osArch", source),
            runDate != null && runDate.isTextual() ? runDate.textValue() : UNKNOWN);
    }

    /** @return these facts as the pretty-printed JSON object kept in {@value #FILE_NAME} */
    public String toJson() {
        final ObjectNode root = JSON.createObjectNode();
        root.put("cpuModel", cpuModel);
        root.put("logicalCores", logicalCores);
        root.put("osName", osName);
        root.put("osVersion", osVersion);
        root.put("osArch", osArch);
        root.put("runDate", runDate);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and an int always serialises", e);
        }
    }

    private static String string(final JsonNode root, final String field, final String source)
        throws ReportException {
        final JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(source, "has no '" + field + "' string");
        }
        return value.textValue();
    }

    private static ReportException invalid(final String source, final String problem) {
        return new ReportException(ReportException.Reason.INVALID_MACHINE_FILE,
            source + " " + problem + "; fix it or delete it to record this machine's facts");
    }
}
