package org.capring.ring;

import java.nio.file.Path;

import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * Child-process side of {@link CrossProcessTest}: attaches to a ring file and submits {@code count} SQEs whose
 * userData is {@code (producerId << 40) | sequence} and whose interfaceId is a checksum of the userData.
 * Arguments: ring file, producer id, count, batch size.
 */
public final class CrossProcessProducer {
    private CrossProcessProducer() {
    }

    static long checksum(final long userData) {
        return Long.rotateLeft(userData * 0x9E3779B97F4A7C15L, 17) ^ 0x5DEECE66DL;
    }

    /**
     * @param args ring file, producer id, count, batch size
     * @throws Exception on any failure (exit code 1 with a stack trace)
     */
    public static void main(final String[] args) throws Exception {
        final Path file = Path.of(args[0]);
        final long producerId = Long.parseLong(args[1]);
        final int count = Integer.parseInt(args[2]);
        final int batch = Integer.parseInt(args[3]);
        final BackoffIdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
        try (Ring ring = Ring.attach(file)) {
            final RingProducer<Sqe> producer = ring.newSqProducer();
            int sent = 0;
            while (sent < count) {
                final int n = Math.min(batch, count - sent);
                producer.claim(n, idle);
                for (int i = 0; i < n; i++) {
                    final long userData = (producerId << 40) | (sent + i);
                    producer.entry(i).opcode(Sqe.OP_CALL).userData(userData).interfaceId(checksum(userData));
                }
                producer.submit();
                sent += n;
            }
        }
    }
}
