package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.capring.schema.ReadmeExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the README's service example (the example service with a dependency, handed off and drained while
 * a client calls it), so that the README cannot rot.
 */
class ReadmeServiceExampleTest {
    @TempDir
    Path dir;

    @Test
    void serviceExample_compilesWithoutWarningsAndPrintsWhatTheReadmeSays() throws Exception {
        final List<String> lines = ReadmeExamples.run(Path.of("..", "README.md"), "readme-example-service",
            "ServiceExample", dir).lines().toList();
        assertEquals(4, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches(
            "store handed off from instance 1 to 2; the old one drained \\d+ calls in flight and refused 0"),
            lines.get(0));
        assertEquals(List.of("stopped [store, journal]", "every put acknowledged: true",
            "one journal entry per acknowledged put: true"), lines.subList(1, 4));
    }
}
