package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedRingTest {

    private static final RingLayout LAYOUT = RingLayout.builder().sqCapacity(8).slots(2, 64, 64).build();

    @TempDir
    Path dir;

    @Test
    void attach_createdRing_sharesQueuesAndLayout() throws IOException {
        final Path file = dir.resolve("r.ring");
        try (Ring created = Ring.create(file, LAYOUT); Ring attached = Ring.attach(file)) {
            assertEquals(LAYOUT, attached.layout());
            assertEquals(LAYOUT.totalLength(), Files.size(file));
            final RingProducer<Sqe> producer = created.newSqProducer();
            final RingConsumer<Sqe> consumer = attached.newSqConsumer();
            for (int i = 0; i < 20; i++) {
                producer.tryClaim().opcode(Sqe.OP_CALL).userData(i);
                producer.submit();
                final List<Long> got = new ArrayList<>();
                assertEquals(1, consumer.drain(e -> got.add(e.userData()), 4));
                assertEquals(List.of((long) i), got);
            }
        }
    }

    @Test
    void create_existingFile_rejectedAndFileUntouched() throws IOException {
        final Path file = dir.resolve("exists.ring");
        Files.write(file, new byte[] {1, 2, 3});
        assertThrows(FileAlreadyExistsException.class, () -> Ring.create(file, LAYOUT));
        assertEquals(3, Files.size(file));
    }

    @Test
    void attach_missingFile_rejected() {
        assertThrows(NoSuchFileException.class, () -> Ring.attach(dir.resolve("missing.ring")));
    }

    @Test
    void attach_emptyOrShortFile_truncated() throws IOException {
        final Path empty = Files.createFile(dir.resolve("empty.ring"));
        assertEquals(RingFormatException.Reason.TRUNCATED,
            assertThrows(RingFormatException.class, () -> Ring.attach(empty)).reason());
        final Path shortFile = dir.resolve("short.ring");
        Files.write(shortFile, new byte[100]);
        assertEquals(RingFormatException.Reason.TRUNCATED,
            assertThrows(RingFormatException.class, () -> Ring.attach(shortFile)).reason());
    }

    @Test
    void attach_zeroFile_badMagic() throws IOException {
        final Path zero = dir.resolve("zero.ring");
        Files.write(zero, new byte[LAYOUT.totalLength()]);
        assertEquals(RingFormatException.Reason.BAD_MAGIC,
            assertThrows(RingFormatException.class, () -> Ring.attach(zero)).reason());
    }

    @Test
    void attach_corruptedHeaders_rejectedWithReason() throws IOException {
        assertCorrupt(RingLayout.VERSION_OFFSET, 99, RingFormatException.Reason.UNSUPPORTED_VERSION);
        assertCorrupt(RingLayout.SQ_CAPACITY_OFFSET, 12, RingFormatException.Reason.BAD_CAPACITY);
        assertCorrupt(RingLayout.SQ_CAPACITY_OFFSET, 16, RingFormatException.Reason.LENGTH_MISMATCH);
        assertCorruptLong(RingLayout.SQ_TAIL_OFFSET, 9, RingFormatException.Reason.INDEX_OUT_OF_RANGE);
        assertCorruptLong(RingLayout.CQ_HEAD_OFFSET, 1, RingFormatException.Reason.INDEX_OUT_OF_RANGE);
    }

    @Test
    void attach_fileWithTrailingBytes_lengthMismatch() throws IOException {
        final Path file = dir.resolve("long.ring");
        Ring.create(file, LAYOUT).close();
        Files.write(file, new byte[64], StandardOpenOption.APPEND);
        assertEquals(RingFormatException.Reason.LENGTH_MISMATCH,
            assertThrows(RingFormatException.class, () -> Ring.attach(file)).reason());
    }

    @Test
    void attach_afterFailedAttach_validFileStillAttaches() throws IOException {
        final Path file = dir.resolve("ok.ring");
        Ring.create(file, LAYOUT).close();
        final Path bad = dir.resolve("bad.ring");
        Files.write(bad, new byte[LAYOUT.totalLength()]);
        assertThrows(RingFormatException.class, () -> Ring.attach(bad));
        try (Ring ring = Ring.attach(file)) {
            assertTrue(ring.newSqConsumer().isEmpty());
        }
    }

    private void assertCorrupt(final int offset, final int value, final RingFormatException.Reason reason)
        throws IOException {
        final Path file = Files.createTempFile(dir, "c", ".ring");
        Files.delete(file);
        Ring.create(file, LAYOUT).close();
        poke(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value));
        assertEquals(reason, assertThrows(RingFormatException.class, () -> Ring.attach(file)).reason());
    }

    private void assertCorruptLong(final int offset, final long value, final RingFormatException.Reason reason)
        throws IOException {
        final Path file = Files.createTempFile(dir, "c", ".ring");
        Files.delete(file);
        Ring.create(file, LAYOUT).close();
        poke(file, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
        assertEquals(reason, assertThrows(RingFormatException.class, () -> Ring.attach(file)).reason());
    }

    private static void poke(final Path file, final int offset, final ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(bytes, offset);
        }
    }
}
