package org.capring.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compiles and runs the examples of the repository's README, so that the README cannot rot. */
class ReadmeExamplesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "readme-example|RingExample|completed 3 calls, userData sum 303",
        "readme-example-calls|CallExample|colour = blue\\nshape: no value under shape (retry-safe: true)"})
    void example_compilesWithoutWarningsAndPrintsWhatTheReadmeSays(
        final String marker, final String className, final String expected) throws Exception {
        assertEquals(expected.replace("\\n", "\n"), ReadmeExamples.compileAndRun(marker, className, dir));
    }
}
