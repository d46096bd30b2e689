package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.capnproto.MessageBuilder;
import org.capnproto.MessageReader;
import org.capnproto.ReaderOptions;
import org.capnproto.Serialize;

/** Paths, stored requests, the regenerate switch and the {@code capnp} tool, shared by the tests. */
final class TestSupport {

    /** {@code -Dcapring.golden.regenerate=true} rewrites golden files and stored requests instead of comparing. */
    static final boolean REGENERATE = Boolean.getBoolean("capring.golden.regenerate");

    /** The module directory (surefire's working directory). */
    static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    static final Path REQUESTS = MODULE.resolve("src/test/resources/requests");
    static final Path GOLDEN = MODULE.resolve("src/test/resources/golden");
    /** Directory holding {@code capnp/java.capnp}, for {@code -I}. */
    static final Path JAVA_CAPNP_ROOT = MODULE.resolve("../src/main/capnp").normalize();
    static final Path FEATURES_CAPNP = MODULE.resolve("src/test/capnp/features.capnp");

    private static final String CAPNP = "capnp";
    private static final long PROCESS_TIMEOUT_SECONDS = 60;

    private TestSupport() {
    }

    static byte[] request(final String name) {
        try {
            return Files.readAllBytes(REQUESTS.resolve(name));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether {@code capnp} runs here */
    static boolean capnpAvailable() {
        try {
            return run(null, List.of(CAPNP, "--version"), new byte[0]).exitCode() == 0;
        } catch (final IOException e) {
            return false;
        }
    }

    /** Skips the calling test, with the reason, when {@code capnp} is not installed. */
    static void assumeCapnp() {
        assumeTrue(capnpAvailable(), "capnp (Cap'n Proto 0.9.x command-line tool) is not installed on this "
                + "machine; this interop test needs it (Debian: apt-get install capnproto libcapnp-dev)");
    }

    /** Result of a process run. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        Result requireSuccess(final List<String> command) {
            if (exitCode != 0) {
                throw new AssertionError(command + " failed with " + exitCode + ": " + stderr);
            }
            return this;
        }
    }

    /** Runs {@code capnp} with the given arguments in the module directory; fails on a non-zero exit. */
    static Result capnp(final byte[] stdin, final String... args) {
        final List<String> command = new ArrayList<>();
        command.add(CAPNP);
        command.addAll(List.of(args));
        try {
            return run(MODULE, command, stdin).requireSuccess(command);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result run(final Path directory, final List<String> command, final byte[] stdin) throws IOException {
        return run(directory, command, stdin, null);
    }

    static Result run(final Path directory, final List<String> command, final byte[] stdin,
                      final java.util.Map<String, String> environment) throws IOException {
        final ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        if (environment != null) {
            builder.environment().putAll(environment);
        }
        final Process process = builder.start();
        final CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        final CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        } catch (final IOException closedEarly) {
            // The process did not read all its input; its exit code says why.
        }
        try {
            if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish");
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
    }

    private static byte[] readAll(final InputStream in) {
        try {
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the message in standard serialization */
    static byte[] serialize(final MessageBuilder message) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Serialize.write(Channels.newChannel(bytes), message);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return a reader over standard-serialized bytes, without traversal limit */
    static MessageReader read(final byte[] bytes) {
        try {
            return Serialize.read(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN),
                    new ReaderOptions(Long.MAX_VALUE, 64));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares {@code actual} with the file, or rewrites the file when regenerating. */
    static void assertFileContent(final Path file, final String actual) {
        try {
            if (REGENERATE) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError(file + " does not exist; run the tests with -Dcapring.golden.regenerate=true");
            }
            final String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                throw new AssertionError(file + " differs from the generator's output (first difference at line "
                        + firstDifferentLine(expected, actual) + "); if the change is intended, run the tests with "
                        + "-Dcapring.golden.regenerate=true and review the diff");
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int firstDifferentLine(final String a, final String b) {
        final String[] left = a.split("\n", -1);
        final String[] right = b.split("\n", -1);
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            if (!left[i].equals(right[i])) {
                return i + 1;
            }
        }
        return Math.min(left.length, right.length) + 1;
    }
}
