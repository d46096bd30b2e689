package org.capring.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.capring.schema.ReadmeExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the README's pool example (marker {@code readme-example-pool}), so that it cannot rot. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void poolExample_compilesWithoutWarningsAndPrintsWhatTheReadmeSays() throws Exception {
        assertEquals("""
            acme: hello
            acme: again
            globex: hi
            connections opened: 2
            idle in the pool: 2""", ReadmeExamples.run(Path.of("..", "README.md"), "readme-example-pool", "PoolExample", dir));
    }
}
