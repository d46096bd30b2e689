package org.capring.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MachineTest {
    @Test
    void cpuModel_cpuinfoWithAModelName_thatName() {
        assertEquals("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", Machine.cpuModel(List.of("processor\t: 0",
            "model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", "model name\t: other")));
    }

    @Test
    void cpuModel_noModelName_unknown() {
        assertEquals(Machine.UNKNOWN, Machine.cpuModel(List.of("processor\t: 0", "model name\t:   ")));
    }

    @Test
    void slug_cpuModel_asTheLauncherNamesResultDirectories() {
        assertEquals("intel-xeon-platinum-8375c-cpu-2-90ghz",
            Machine.slug("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"));
        assertEquals("cpu", Machine.slug("(R)"));
    }

    @Test
    void logicalCores_thisJvm_atLeastOne() {
        assertTrue(Machine.logicalCores() >= 1);
        assertTrue(Machine.os().contains("("));
    }
}
