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

/**
 * Compiles one example of the repository's README (the Java block between {@code <!-- marker:start -->} and
 * {@code <!-- marker:end -->}) with {@code -Xlint:all -Werror} against the test class path, runs its {@code main} and
 * returns what it printed. Shared with the other modules' README tests through this module's test jar.
 */
public final class ReadmeExamples {
    private ReadmeExamples() {
    }

    /**
     * @param marker    the marker name, e.g. {@code readme-example-calls}
     * @param className the example's public class
     * @param workDir   an empty directory for the source and classes
     * @return what the example printed to {@code System.out}, stripped
     * @throws Exception if it cannot be compiled or run (assertion failures name the reason)
     */
    public static String compileAndRun(final String marker, final String className, final Path workDir)
        throws Exception {
        final Path readme = Path.of("..", "README.md");
        assertTrue(Files.exists(readme), "README.md not found from " + Path.of("").toAbsolutePath());
        final Matcher m = Pattern.compile("<!-- " + marker + ":start -->\\s*```java\\n(.*?)```\\s*<!-- " + marker
            + ":end -->", Pattern.DOTALL).matcher(Files.readString(readme));
        assertTrue(m.find(), "README has no " + marker + " block");
        final Path source = workDir.resolve(className + ".java");
        Files.writeString(source, m.group(1));

        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        final int rc = javac.run(null, null, diagnostics, List.of("-Xlint:all", "-Werror", "-d", workDir.toString(),
            "-cp", System.getProperty("java.class.path"), source.toString()).toArray(String[]::new));
        assertEquals(0, rc, () -> "README example does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {workDir.toUri().toURL()},
            ReadmeExamples.class.getClassLoader())) {
            final Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).strip().replace("\r", "");
    }
}
