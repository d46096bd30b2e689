package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.capnproto.AnyPointer;
import org.capnproto.MessageBuilder;
import org.capnproto.Text;
import org.capring.schema.compiler.model.PointerContent;
import org.capring.schema.compiler.testschema.Features;
import org.junit.jupiter.api.Test;

/** Copies of request pointers into single, self-contained segments. */
final class PointerContentTest {

    @Test
    void copyOf_text_hasTheLayoutTheReferenceDescribes() {
        final PointerContent text = PointerContent.copyOf(Text.factory, new Text.Reader("dflt"));

        assertEquals("010000002a000000 64666c7400000000", text.toString());
        assertEquals(1, text.blobWordOffset());
        assertEquals(4, text.blobSize(true));
        assertEquals(5, text.blobSize(false));
        assertEquals("dflt", text.text());
        assertFalse(text.isNull());
    }

    @Test
    void copyOf_largeStructSpreadOverSegments_endsUpInOneSegment() {
        final MessageBuilder source = new MessageBuilder(8, org.capnproto.BuilderArena.AllocationStrategy.FIXED_SIZE);
        final Features.AllTypes.Builder root = source.initRoot(Features.AllTypes.factory);
        GeneratedCodeTest.fillAllTypes(root);
        root.getStructField().initDataField(100_000);
        assertTrue(source.getSegmentsForOutput().length > 1);

        final PointerContent copy = PointerContent.copyOf(
                TestSupport.read(TestSupport.serialize(source)).getRoot(AnyPointer.factory));

        final org.capnproto.SegmentReader segment = org.capnproto.GeneratedClassSupport.decodeRawBytes(
                new String(copy.segment(), java.nio.charset.StandardCharsets.ISO_8859_1));
        final Features.AllTypes.Reader reread = new AnyPointer.Reader(segment, 0, Integer.MAX_VALUE)
                .getAs(Features.AllTypes.factory);
        GeneratedCodeTest.assertAllTypes(reread);
        assertEquals(100_000, reread.getStructField().getDataField().size());
    }

    @Test
    void nullPointer_isNullAndHasNoBlob() {
        final PointerContent none = PointerContent.nullPointer();

        assertTrue(none.isNull());
        assertThrows(IllegalStateException.class, none::blobWordOffset);
    }

    @Test
    void ofSegment_textWithoutTerminator_isRejectedOnUse() {
        final PointerContent broken = PointerContent.ofSegment(HexFormat.of().parseHex("010000002200000064666c7400000000"));

        assertThrows(IllegalStateException.class, () -> broken.blobSize(true));
        assertThrows(IllegalArgumentException.class, () -> PointerContent.ofSegment(new byte[7]));
    }

    @Test
    void equality_isByContent() {
        assertEquals(PointerContent.copyOf(Text.factory, new Text.Reader("a")),
                PointerContent.copyOf(Text.factory, new Text.Reader("a")));
        assertNotEquals(PointerContent.copyOf(Text.factory, new Text.Reader("a")),
                PointerContent.copyOf(Text.factory, new Text.Reader("b")));
    }
}
