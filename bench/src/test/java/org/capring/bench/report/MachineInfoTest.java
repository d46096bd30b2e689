package org.capring.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MachineInfoTest {
    private static final MachineInfo FACTS = new MachineInfo("Test CPU 9000 @ 3.00GHz", 16, "Linux", "6.1.0",
        "amd64", "2026-01-02T03:04:05Z");

    @Test
    void cpuModel_cpuinfoLines_takesTheFirstModelName() {
        final List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: GenuineIntel",
            "model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", "processor\t: 1",
            "model name\t: something else");

        assertEquals("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", MachineInfo.cpuModel(cpuinfo));
    }

    @Test
    void cpuModel_noModelNameLine_isUnknown() {
        assertEquals(MachineInfo.UNKNOWN, MachineInfo.cpuModel(List.of("processor : 0", "Hardware : BCM2835")));
    }

    @Test
    void detect_thisMachine_hasCoresOsAndTheGivenRunDate() {
        final MachineInfo detected = MachineInfo.detect(Instant.parse("2026-01-02T03:04:05Z"));

        assertTrue(detected.logicalCores() >= 1);
        assertEquals(System.getProperty("os.arch"), detected.osArch());
        assertEquals("2026-01-02T03:04:05Z", detected.runDate());
    }

    @Test
    void toJson_thenFromJson_givesTheSameFacts() throws ReportException {
        assertEquals(FACTS, MachineInfo.fromJson(FACTS.toJson(), "inline"));
    }

    @Test
    void fromJson_withoutRunDateAndWithExtraFields_readsRunDateAsUnknown() throws ReportException {
        final String json = """
            {"cpuModel": "c", "logicalCores": 2, "osName": "Linux", "osVersion": "6", "osArch": "aarch64",
             "hostname": "ignored"}
            """;

        assertEquals(MachineInfo.UNKNOWN, MachineInfo.fromJson(json, "inline").runDate());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "[]",
        "{\"cpuModel\": \"c\", \"osName\": \"Linux\", \"osVersion\": \"6\", \"osArch\": \"amd64\"}",
        "{\"cpuModel\": \"c\", \"logicalCores\": 0, \"osName\": \"L\", \"osVersion\": \"6\", \"osArch\": \"a\"}",
        "{\"cpuModel\": \"c\", \"logicalCores\": 2.5, \"osName\": \"L\", \"osVersion\": \"6\", \"osArch\": \"a\"}",
        "{\"logicalCores\": 2, \"osName\": \"L\", \"osVersion\": \"6\", \"osArch\": \"a\"}",
        "{\"cpuModel\": \"c\", \"logicalCores\": 2, \"osName\": \"L\", \"osVersion\": 6, \"osArch\": \"a\"}"
    })
    void fromJson_invalidFacts_rejectsWithInvalidMachineFile(final String json) {
        final var e = assertThrows(ReportException.class, () -> MachineInfo.fromJson(json, "inline"));

        assertEquals(ReportException.Reason.INVALID_MACHINE_FILE, e.reason());
    }

    @Test
    void readOrRecord_noFile_recordsOnceThenReusesWithoutDetecting(@TempDir final Path runDir)
        throws ReportException, IOException {
        final var detections = new AtomicInteger();

        final MachineInfo first = MachineInfo.readOrRecord(runDir, () -> {
            detections.incrementAndGet();
            return FACTS;
        });
        final String written = Files.readString(runDir.resolve(MachineInfo.FILE_NAME));
        final MachineInfo second = MachineInfo.readOrRecord(runDir, () -> {
            detections.incrementAndGet();
            return MachineInfo.detect(Instant.EPOCH);
        });

        assertEquals(1, detections.get());
        assertEquals(FACTS, first);
        assertEquals(FACTS, second);
        assertEquals(written, Files.readString(runDir.resolve(MachineInfo.FILE_NAME)));
    }
}
