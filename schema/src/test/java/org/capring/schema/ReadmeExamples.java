package org.capring.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
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
 * Compiles and runs a Java example of the repository's README, so that the README cannot rot: the example is the
 * fenced {@code java} block between {@code <!-- marker:start -->} and {@code <!-- marker:end -->}; it must compile
 * with {@code -Xlint:all -Werror} against the test class path and print what the README says. Shared with the modules
 * above through this module's test-jar.
 */
public final class ReadmeExamples {
    private ReadmeExamples() {
    }

    /**
     * @param readme    the README
     * @param marker    the example's marker
     * @param className the public class the example declares (its {@code main} is run)
     * @param dir       an empty scratch directory
     * @return what the example printed, stripped, with {@code \n} line ends
     * @throws Exception if the README cannot be read, or the example fails
     */
    public static String run(final Path readme, final String marker, final String className, final Path dir)
        throws Exception {
        assertTrue(Files.exists(readme), readme + " not found from " + Path.of("").toAbsolutePath());
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
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
            ReadmeExamples.class.getClassLoader())) {
            final Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } catch (final InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).strip().replace("\r", "");
    }
}
