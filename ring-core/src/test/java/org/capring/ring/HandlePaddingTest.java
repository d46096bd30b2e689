package org.capring.ring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/** JOL proves that each handle's hot fields have 128 bytes of padding on both sides. */
class HandlePaddingTest {
    private static final List<String> HOT = List.of("headCache", "claimStart", "claimCount", "tail", "head");

    @Test
    void handles_hotFieldsPadded128BytesEachSide() {
        for (final Class<?> type : List.of(SpscProducer.class, MpscProducer.class, RingConsumer.class)) {
            final ClassLayout layout = ClassLayout.parseClass(type);
            long first = Long.MAX_VALUE;
            long end = 0;
            for (final FieldLayout field : layout.fields()) {
                if (HOT.contains(field.name())) {
                    first = Math.min(first, field.offset());
                    end = Math.max(end, field.offset() + field.size());
                }
            }
            final String table = layout.toPrintable();
            assertTrue(end > 0, "no hot field found in " + type);
            assertTrue(first >= 128, type.getSimpleName() + ": hot fields start at " + first + "\n" + table);
            assertTrue(layout.instanceSize() - end >= 128,
                type.getSimpleName() + ": only " + (layout.instanceSize() - end) + " bytes after hot fields\n" + table);
        }
    }
}
