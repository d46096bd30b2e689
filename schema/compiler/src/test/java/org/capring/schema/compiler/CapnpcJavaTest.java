package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code capnpc-java} program: in-process runs of {@link CapnpcJava#run}, and the bash launcher. */
final class CapnpcJavaTest {

    private static final Path LAUNCHER = TestSupport.MODULE.resolve("capnpc-java");

    @TempDir
    Path temp;

    private record Outcome(int status, String stderr) {
    }

    private Outcome run(final byte[] stdin, final String... args) {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = CapnpcJava.run(args, new ByteArrayInputStream(stdin),
                new PrintStream(err, true, StandardCharsets.UTF_8), temp);
        return new Outcome(status, err.toString(StandardCharsets.UTF_8));
    }

    private static List<Path> javaFiles(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(root::relativize).sorted().toList();
        }
    }

    private static void assertSameAsInProcess(final Path root) throws IOException {
        final List<GeneratedFile> expected = new JavaGenerator(GeneratorOptions.defaults().withRingStubs())
                .generate(TestSupport.request("features.req"));
        assertEquals(expected.stream().map(f -> Path.of(f.relativePath())).sorted().toList(), javaFiles(root));
        for (final GeneratedFile file : expected) {
            assertEquals(file.content(), Files.readString(root.resolve(file.relativePath())), file.relativePath());
        }
    }

    @Test
    void run_requestAndOut_writesEveryFileBelowItsPackageDirectory() throws IOException {
        Files.write(temp.resolve("features.req"), TestSupport.request("features.req"));

        final Outcome outcome = run(new byte[0], "--request", "features.req", "--out", "gen");

        assertEquals(CapnpcJava.EXIT_OK, outcome.status(), outcome.stderr());
        assertEquals("", outcome.stderr());
        assertSameAsInProcess(temp.resolve("gen"));
    }

    @Test
    void run_noArguments_readsStdinAndWritesBelowWorkingDirectory() throws IOException {
        final Outcome outcome = run(TestSupport.request("features.req"));

        assertEquals(CapnpcJava.EXIT_OK, outcome.status(), outcome.stderr());
        assertSameAsInProcess(temp);
    }

    @Test
    void run_bootstrapReader_writesSameFiles() throws IOException {
        Files.write(temp.resolve("features.req"), TestSupport.request("features.req"));

        final Outcome outcome = run(new byte[0], "--request", "features.req", "--out", "gen", "--bootstrap");

        assertEquals(CapnpcJava.EXIT_OK, outcome.status(), outcome.stderr());
        assertSameAsInProcess(temp.resolve("gen"));
    }

    @Test
    void run_noStubs_writesCapnprotoJavaClassesOnly() throws IOException {
        Files.write(temp.resolve("features.req"), TestSupport.request("features.req"));

        final Outcome outcome = run(new byte[0], "--request", "features.req", "--out", "gen", "--no-stubs");

        assertEquals(CapnpcJava.EXIT_OK, outcome.status(), outcome.stderr());
        for (final GeneratedFile file : new JavaGenerator().generate(TestSupport.request("features.req"))) {
            final String written = Files.readString(temp.resolve("gen").resolve(file.relativePath()));
            assertEquals(file.content(), written, file.relativePath());
            assertFalse(written.contains("org.capring.ring"), file.relativePath());
        }
    }

    @Test
    void run_stubsRefused_exitsOneNamingTheInterface() throws IOException {
        final Path schema = temp.resolve("ext.capnp");
        Files.writeString(schema, """
                @0xa51c0b3d9e7f2468;
                using Java = import "/capnp/java.capnp";
                $Java.package("org.example.ext");
                $Java.outerClassname("Ext");
                interface Base { ping @0 () -> (); }
                interface Derived extends(Base) { pong @0 () -> (); }
                """);
        TestSupport.assumeCapnp();
        final byte[] request = TestSupport.capnp(new byte[0], "compile", "-I" + TestSupport.JAVA_CAPNP_ROOT,
                "--src-prefix=" + temp, "-o-", schema.toString()).stdout();

        final Outcome outcome = run(request);

        assertEquals(CapnpcJava.EXIT_REFUSED, outcome.status());
        assertTrue(outcome.stderr().startsWith("capnpc-java: ext.capnp:Derived: interface inheritance (extends"
                + " ext.capnp:Base) is not supported"), outcome.stderr());
        assertEquals(List.of(), javaFiles(temp));
        assertEquals(CapnpcJava.EXIT_OK, run(request, "--no-stubs").status(), "without stubs, extends is fine");
    }

    @Test
    void run_refusedRequest_exitsOneNamingTheElementAndWritesNothing() throws IOException {
        final Outcome outcome = run(TestSupport.request("generics.req"));

        assertEquals(CapnpcJava.EXIT_REFUSED, outcome.status());
        assertTrue(outcome.stderr().startsWith("capnpc-java: generics.capnp:Box: generic declarations"),
                outcome.stderr());
        assertFalse(outcome.stderr().contains("\tat "), "no stack trace for a refusal");
        assertEquals(List.of(), javaFiles(temp));
    }

    @Test
    void run_garbageOnStdin_exitsOneWithMessage() {
        final Outcome outcome = run("not a capnp message".getBytes(StandardCharsets.UTF_8));

        assertEquals(CapnpcJava.EXIT_REFUSED, outcome.status());
        assertTrue(outcome.stderr().startsWith("capnpc-java: <request>: "), outcome.stderr());
    }

    @Test
    void run_unknownArgument_exitsTwoWithUsage() {
        final Outcome outcome = run(new byte[0], "--frobnicate");

        assertEquals(CapnpcJava.EXIT_USAGE, outcome.status());
        assertTrue(outcome.stderr().contains("unknown argument '--frobnicate'"), outcome.stderr());
        assertTrue(outcome.stderr().contains("usage:"), outcome.stderr());
    }

    @Test
    void run_requestWithoutOut_exitsTwo() {
        assertEquals(CapnpcJava.EXIT_USAGE, run(new byte[0], "--request", "x.req").status());
        assertEquals(CapnpcJava.EXIT_USAGE, run(new byte[0], "--out").status());
    }

    @Test
    void run_help_printsUsageAndExitsZero() {
        final Outcome outcome = run(new byte[0], "--help");

        assertEquals(CapnpcJava.EXIT_OK, outcome.status());
        assertTrue(outcome.stderr().contains("--request <file> --out <dir>"), outcome.stderr());
    }

    @Test
    void run_missingRequestFile_exitsThree() {
        final Outcome outcome = run(new byte[0], "--request", "missing.req", "--out", "gen");

        assertEquals(CapnpcJava.EXIT_IO, outcome.status());
        assertTrue(outcome.stderr().contains("cannot read the request"), outcome.stderr());
    }

    // ---------------------------------------------------------------------------------------------------------
    // the bash launcher

    private Map<String, String> javaHome() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"));
    }

    @Test
    void launcher_asCapnpPlugin_writesSameFilesAsInProcessGeneration() throws IOException {
        TestSupport.assumeCapnp();
        final Path out = Files.createDirectories(temp.resolve("plugin-out"));

        final TestSupport.Result result = TestSupport.run(TestSupport.MODULE, List.of("capnp", "compile",
                "-o" + LAUNCHER + ":" + out, "-I" + TestSupport.JAVA_CAPNP_ROOT, "--src-prefix=src/test/capnp",
                "src/test/capnp/features.capnp", "src/test/capnp/imported.capnp"), new byte[0], javaHome());

        assertEquals(0, result.exitCode(), result.stderr());
        assertSameAsInProcess(out);
    }

    @Test
    void launcher_refusedSchema_makesCapnpFailWithTheElementName() throws IOException {
        TestSupport.assumeCapnp();
        final Path out = Files.createDirectories(temp.resolve("plugin-out"));

        final TestSupport.Result result = TestSupport.run(TestSupport.MODULE, List.of("capnp", "compile",
                "-o" + LAUNCHER + ":" + out, "-I" + TestSupport.JAVA_CAPNP_ROOT, "--src-prefix=src/test/capnp",
                "src/test/capnp/generics.capnp"), new byte[0], javaHome());

        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("capnpc-java: generics.capnp:Box: generic declarations are not"
                + " supported"), result.stderr());
        assertTrue(result.stderr().contains("plugin failed: exit code 1"), result.stderr());
    }

    @Test
    void launcher_withRequestArguments_runsFromSavedRequest() throws IOException {
        Files.write(temp.resolve("features.req"), TestSupport.request("features.req"));

        final TestSupport.Result result = TestSupport.run(temp, List.of("bash", LAUNCHER.toString(), "--request",
                "features.req", "--out", "gen"), new byte[0], javaHome());

        assertEquals(0, result.exitCode(), result.stderr());
        assertSameAsInProcess(temp.resolve("gen"));
    }

    @Test
    void launcher_javaHomeTooOld_fallsBackToAJdk25() throws IOException {
        final Path old = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeTrue(Files.isExecutable(old.resolve("bin/java")), "no JDK 17 at " + old + " to point JAVA_HOME at");
        Files.write(temp.resolve("features.req"), TestSupport.request("features.req"));

        final TestSupport.Result result = TestSupport.run(temp, List.of("bash", LAUNCHER.toString(), "--request",
                "features.req", "--out", "gen"), new byte[0], Map.of("JAVA_HOME", old.toString()));

        assertEquals(0, result.exitCode(), result.stderr());
        assertSameAsInProcess(temp.resolve("gen"));
    }

    @Test
    void launcher_moduleNotBuilt_explainsHowToBuild() throws IOException {
        final Path copy = temp.resolve("capnpc-java");
        Files.copy(LAUNCHER, copy, StandardCopyOption.COPY_ATTRIBUTES);

        final TestSupport.Result result = TestSupport.run(temp, List.of("bash", copy.toString()), new byte[0],
                javaHome());

        assertEquals(3, result.exitCode());
        assertTrue(result.stderr().contains("the schema compiler is not built yet"), result.stderr());
        assertTrue(result.stderr().contains("./mvnw -q -DskipTests -pl schema/compiler -am package"),
                result.stderr());
    }
}
