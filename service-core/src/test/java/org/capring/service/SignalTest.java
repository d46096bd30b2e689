package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM and SIGINT stop a host gracefully: a child JVM started with the shutdown hook drains and stops its service
 * (READY → DRAINING → STOPPED) before it exits, with no JVM flag beyond the ones every capring JVM has. Every wait is
 * bounded; a child that does not stop fails the test and is killed.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SignalTest {
    private static final List<String> JVM_FLAGS = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");
    private static final int SIGINT = 2;

    /**
     * A process started in the background by a non-interactive shell ignores SIGINT, and so do its children: the JVM
     * then, rightly, installs no handler for it. Read from Linux's {@code /proc/self/status}; elsewhere assumed not.
     */
    private static boolean ignoresSigint() throws IOException {
        final Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (final String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (SIGINT - 1)))
                    != 0;
            }
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void signal_childJvm_stopsGracefullyBeforeExit(final String signal) throws Exception {
        if ("INT".equals(signal)) {
            Assumptions.assumeFalse(ignoresSigint(), "this JVM was started with SIGINT ignored (in the background by a"
                + " non-interactive shell); its children inherit that, so SIGINT cannot reach them");
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SignalChild.class.getName());
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch ready = new CountDownLatch(1);
        final Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.equals("READY")) {
                        ready.countDown();
                    }
                }
            } catch (final IOException e) {
                lines.add("reader failed: " + e);
            }
        });
        try {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                fail("the child never became ready: " + lines);
            }
            final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertEquals(0, kill.waitFor(), "kill ran");
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                fail("the child did not exit on SIG" + signal + ": " + lines);
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        assertTrue(lines.contains("transition READY -> DRAINING") && lines.contains("transition DRAINING -> STOPPED"),
            () -> "the signal stopped the host gracefully: " + lines);
        assertEquals(128 + ("TERM".equals(signal) ? 15 : SIGINT), child.exitValue(), "the JVM exited on the signal");
    }
}
