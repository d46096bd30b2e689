package org.capring.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The JSON files under {@code src/test/resources/report/}: two real JMH 1.37 runs and hand-written ones. */
final class TestFiles {
    /** A real run with {@code -prof gc}: 2 forks of 2 iterations; throughput, mpsc and round trip. */
    static final String GC_SAMPLE = "sample-gc.json";
    /** A real run without {@code -prof gc}: 3 forks of 3 iterations; mpsc and round trip with every peer. */
    static final String ROUNDTRIP_SAMPLE = "sample-roundtrip.json";
    /** Hand-written rows chosen so each default target lands on a known status (see the file). */
    static final String TARGETS = "targets.json";
    /** One conventional name and two that are not. */
    static final String NAMES_MIXED = "names-mixed.json";
    /** No conventional name at all. */
    static final String NAMES_NONE = "names-none.json";

    private TestFiles() {
    }

    /**
     * @param name a file under {@code report/}
     * @return its text
     */
    static String text(final String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name a file under {@code report/}
     * @return its parsed rows
     * @throws ReportException if the file is rejected
     */
    static JmhResults parse(final String name) throws ReportException {
        return JmhResultParser.parse(text(name), name);
    }

    /**
     * @param name   a file under {@code report/}
     * @param runDir a directory to copy it into as {@code jmh.json}
     * @return the copy
     */
    static Path copyAsInput(final String name, final Path runDir) {
        try (InputStream in = open(name)) {
            final Path target = runDir.resolve(ReportMain.INPUT_FILE);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param results parsed rows
     * @param measure a measure
     * @param subject a subject
     * @param variant a variant
     * @return the one row with that id (and any parameters)
     */
    static ResultRow row(final JmhResults results, final String measure, final String subject, final String variant) {
        final List<ResultRow> matching = results.rows().stream()
            .filter(row -> row.id().equals(new BenchmarkId(measure, subject, variant)))
            .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " rows for " + measure + "." + subject + "." + variant);
        }
        return matching.getFirst();
    }

    private static InputStream open(final String name) {
        final InputStream in = TestFiles.class.getResourceAsStream("/report/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no test resource report/" + name);
        }
        return in;
    }
}
