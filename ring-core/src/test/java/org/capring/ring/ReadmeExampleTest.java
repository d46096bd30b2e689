package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the embedding example of the repository's README, so that the README cannot rot. */
class ReadmeExampleTest {
    private static final Pattern EXAMPLE = Pattern.compile(
        "<!-- readme-example:start -->\\s*```java\\n(.*?)```\\s*<!-- readme-example:end -->", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void readmeExample_compilesAndRuns_printsCompletedCalls() throws Exception {
        final Path readme = Path.of("..", "README.md");
        assertTrue(Files.exists(readme), "README.md not found from " + Path.of("").toAbsolutePath());
        final Matcher m = EXAMPLE.matcher(Files.readString(readme));
        assertTrue(m.find(), "README has no readme-example block");
        final Path source = dir.resolve("RingExample.java");
        Files.writeString(source, m.group(1));

        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        final int rc = javac.run(null, null, diagnostics, List.of("-Xlint:all", "-Werror", "-d", dir.toString(),
            "-cp", System.getProperty("java.class.path"), source.toString()).toArray(String[]::new));
        assertEquals(0, rc, () -> "README example does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            final Method main = loader.loadClass("RingExample").getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        assertEquals("completed 3 calls, userData sum 303", out.toString(StandardCharsets.UTF_8).strip());
    }
}
