package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producer and consumer in two JVM processes sharing one memory-mapped ring: every entry arrives once, in order
 * per producer, intact.
 */
class CrossProcessTest {

    @TempDir
    Path dir;

    @Test
    void singleProducerProcess_allEntriesArriveInOrder() throws Exception {
        runProducers(ProducerMode.SINGLE, 1, 200_000, 16);
    }

    @Test
    void twoProducerProcesses_multiProducerRing_noLossNoDuplicatesFifoPerProducer() throws Exception {
        runProducers(ProducerMode.MULTI, 2, 100_000, 7);
    }

    private void runProducers(final ProducerMode mode, final int producers, final int perProducer, final int batch)
        throws Exception {
        final Path file = dir.resolve("shared.ring");
        final RingLayout layout = RingLayout.builder().sqCapacity(256).sqProducers(mode).slots(0, 0, 0).build();
        try (Ring ring = Ring.create(file, layout)) {
            final RingConsumer<Sqe> consumer = ring.newSqConsumer();
            final List<Process> children = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                children.add(startProducer(file, p, perProducer, batch));
            }
            final long[] next = new long[producers];
            final long[] received = {0};
            final String[] failure = {null};
            // Producers live in another process and cannot unpark us: park for at most 1 ms at a time.
            final ConsumerIdleStrategy idle = new ConsumerIdleStrategy(consumer,
                new org.agrona.concurrent.BackoffIdleStrategy(100, 10, 1, 1), 110, TimeUnit.MILLISECONDS.toNanos(1));
            final long total = (long) producers * perProducer;
            final long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (received[0] < total && System.nanoTime() < giveUp && failure[0] == null) {
                idle.idle(consumer.drain(e -> {
                    final long userData = e.userData();
                    final int producer = (int) (userData >>> 40);
                    final long sequence = userData & ((1L << 40) - 1);
                    if (e.opcode() != Sqe.OP_CALL || e.interfaceId() != CrossProcessProducer.checksum(userData)) {
                        failure[0] = "corrupt entry " + e;
                    } else if (producer >= next.length || sequence != next[producer]) {
                        failure[0] = "out of order: producer " + producer + " sent " + sequence;
                    } else {
                        next[producer]++;
                    }
                    received[0]++;
                }, 64));
                for (final Process child : children) {
                    if (!child.isAlive() && child.exitValue() != 0) {
                        failure[0] = "producer exited with " + child.exitValue();
                    }
                }
            }
            for (final Process child : children) {
                assertTrue(child.waitFor(1, TimeUnit.MINUTES), "producer process did not exit");
                assertEquals(0, child.exitValue(), "producer process failed");
            }
            assertEquals(null, failure[0]);
            assertEquals(total, received[0]);
            for (int p = 0; p < producers; p++) {
                assertEquals(perProducer, next[p], "entries from producer " + p);
            }
            assertTrue(consumer.isEmpty(), "nothing beyond the expected entries");
        }
    }

    private static Process startProducer(final Path file, final int id, final int count, final int batch)
        throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrossProcessProducer.class.getName());
        command.add(file.toString());
        command.add(Integer.toString(id));
        command.add(Integer.toString(count));
        command.add(Integer.toString(batch));
        return new ProcessBuilder(command).inheritIO().start();
    }
}
