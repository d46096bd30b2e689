package org.capring.schema;

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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

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
        final Path readme = Path.of("..", "README.md");
        assertTrue(Files.exists(readme), "README.md not found from " + Path.of("").toAbsolutePath());
        final Matcher m = Pattern.compile("<!-- " + marker + ":start -->\\s*```java\\n(.*?)```\\s*<!-- " + marker
            + ":end -->", Pattern.DOTALL).matcher(Files.readString(readme));
        assertTrue(m.find(), "README has no " + marker + " block");
        final Path source = dir.resolve(className + ".java");
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
            final Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        assertEquals(expected.replace("\\n", "\n"), out.toString(StandardCharsets.UTF_8).strip().replace("\r", ""));
    }
}
