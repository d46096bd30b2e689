package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM and SIGINT stop a host gracefully: a child JVM started with the shutdown hook drains and stops its service
 * (READY → DRAINING → STOPPED) before it exits, with no JVM flag beyond the ones every capring JVM has.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SignalTest {
    private static final List<String> JVM_FLAGS = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED");

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void signal_childJvm_stopsGracefullyBeforeExit(final String signal) throws Exception {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SignalChild.class.getName());
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                lines.add(line);
            }
            assertEquals("READY", line, () -> "the child never became ready: " + lines);
            final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
            assertEquals(0, kill.waitFor(), "kill ran");
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertTrue(lines.contains("transition READY -> DRAINING") && lines.contains("transition DRAINING -> STOPPED"),
            () -> "the signal stopped the host gracefully: " + lines);
        assertEquals(128 + ("TERM".equals(signal) ? 15 : 2), child.exitValue(), "the JVM exited on the signal");
    }
}
