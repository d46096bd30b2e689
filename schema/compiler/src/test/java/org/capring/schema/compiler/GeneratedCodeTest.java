package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.capnproto.AnyPointer;
import org.capnproto.MessageBuilder;
import org.capnproto.PrimitiveList;
import org.capnproto.StructList;
import org.capnproto.Text;
import org.capnproto.Void;
import org.capring.schema.compiler.testschema.Features;
import org.capring.schema.compiler.testschema.Features.AllTypes;
import org.capring.schema.compiler.testschema.Features.Color;
import org.capring.schema.compiler.testschema.Features.Defaults;
import org.capring.schema.compiler.testschema.Features.Inner;
import org.capring.schema.compiler.testschema.Features.Shape;
import org.capring.schema.compiler.testschema.other.Imported;
import org.junit.jupiter.api.Test;

/**
 * Exercises the code generated from {@code features.capnp} (committed under {@code src/test/java}, kept equal to
 * the generator's output by {@link GoldenFilesTest}): every accessor, default, union, group, list kind and
 * constant, through a serialize/deserialize round trip where it matters.
 */
final class GeneratedCodeTest {

    static <R> R roundTrip(final MessageBuilder message, final org.capnproto.FromPointerReader<R> factory) {
        return TestSupport.read(TestSupport.serialize(message)).getRoot(factory);
    }

    static void fillAllTypes(final AllTypes.Builder b) {
        b.setVoidField(Void.VOID);
        b.setBoolField(true);
        b.setInt8Field((byte) -8);
        b.setInt16Field((short) -16);
        b.setInt32Field(-32);
        b.setInt64Field(-64L);
        b.setUint8Field((byte) 200);
        b.setUint16Field((short) 60000);
        b.setUint32Field((int) 4000000000L);
        b.setUint64Field(-2L);
        b.setFloat32Field(1.25f);
        b.setFloat64Field(-3.5);
        b.setTextField("text");
        b.setDataField(new byte[] {1, 2, 3});
        b.initStructField().setInt32Field(99);
        b.setEnumField(Color.BLUEISH);
        b.initImportedField().setX(11);
        b.setImportedEnum(Imported.Direction.WEST);
        b.initVoidList(3);
        final PrimitiveList.Boolean.Builder bools = b.initBoolList(10);
        bools.set(0, true);
        bools.set(9, true);
        b.initInt8List(2).set(1, (byte) -1);
        b.initInt16List(2).set(1, (short) -2);
        b.initInt32List(2).set(1, -3);
        b.initInt64List(2).set(1, -4L);
        b.initUint8List(1).set(0, (byte) 255);
        b.initUint16List(1).set(0, (short) 65535);
        b.initUint32List(1).set(0, -1);
        b.initUint64List(1).set(0, -1L);
        b.initFloat32List(2).set(1, 0.5f);
        b.initFloat64List(2).set(1, 0.25);
        final org.capnproto.TextList.Builder texts = b.initTextList(2);
        texts.set(0, new Text.Reader("a"));
        texts.set(1, new Text.Reader("bc"));
        b.initDataList(1).set(0, new org.capnproto.Data.Reader(new byte[] {9, 8}));
        final StructList.Builder<Inner.Builder> inners = b.initStructList(2);
        inners.get(0).setX(1);
        inners.get(1).setS("second");
        final org.capnproto.EnumList.Builder<Color> colors = b.initEnumList(3);
        colors.set(0, Color.RED);
        colors.set(1, Color.DARK_SLATE_GRAY);
        colors.set(2, Color.GREEN);
        final org.capnproto.ListList.Builder<PrimitiveList.Int.Builder> ints = b.initInt32ListList(2);
        ints.init(0, 2).set(1, 7);
        ints.init(1, 0);
        b.initTextListList(1).init(0, 1).set(0, new Text.Reader("nested"));
        b.initStructListList(1).init(0, 2).get(1).setX(12);
        b.initEnumListList(1).init(0, 1).set(0, Color.BLUEISH);
    }

    @Test
    void allTypes_setEveryField_readsBackAfterSerialization() {
        final MessageBuilder message = new MessageBuilder();
        final AllTypes.Builder builder = message.initRoot(AllTypes.factory);
        fillAllTypes(builder);
        builder.initAnyField().initAs(Inner.factory).setX(5);

        final AllTypes.Reader r = roundTrip(message, AllTypes.factory);

        assertAllTypes(r);
        assertEquals(5, r.getAnyField().getAs(Inner.factory).getX());
        assertFalse(r.hasCapability());
        assertFalse(r.hasCalc());
    }

    /** Checks every value that {@link #fillAllTypes} writes. */
    static void assertAllTypes(final AllTypes.Reader r) {
        assertSame(Void.VOID, r.getVoidField());
        assertTrue(r.getBoolField());
        assertEquals(-8, r.getInt8Field());
        assertEquals(-16, r.getInt16Field());
        assertEquals(-32, r.getInt32Field());
        assertEquals(-64L, r.getInt64Field());
        assertEquals(200, Byte.toUnsignedInt(r.getUint8Field()));
        assertEquals(60000, Short.toUnsignedInt(r.getUint16Field()));
        assertEquals(4000000000L, Integer.toUnsignedLong(r.getUint32Field()));
        assertEquals("18446744073709551614", Long.toUnsignedString(r.getUint64Field()));
        assertEquals(1.25f, r.getFloat32Field());
        assertEquals(-3.5, r.getFloat64Field());
        assertTrue(r.hasTextField());
        assertEquals("text", r.getTextField().toString());
        assertArrayEquals(new byte[] {1, 2, 3}, r.getDataField().toArray());
        assertEquals(99, r.getStructField().getInt32Field());
        assertEquals(Color.BLUEISH, r.getEnumField());
        assertEquals(11, r.getImportedField().getX());
        assertEquals(-1, r.getImportedField().getY(), "imported struct default");
        assertEquals(Imported.Direction.WEST, r.getImportedEnum());
        assertEquals(3, r.getVoidList().size());
        assertEquals(10, r.getBoolList().size());
        assertTrue(r.getBoolList().get(0));
        assertFalse(r.getBoolList().get(1));
        assertTrue(r.getBoolList().get(9));
        assertEquals(-1, r.getInt8List().get(1));
        assertEquals(-2, r.getInt16List().get(1));
        assertEquals(-3, r.getInt32List().get(1));
        assertEquals(-4L, r.getInt64List().get(1));
        assertEquals(255, Byte.toUnsignedInt(r.getUint8List().get(0)));
        assertEquals(65535, Short.toUnsignedInt(r.getUint16List().get(0)));
        assertEquals(-1, r.getUint32List().get(0));
        assertEquals(-1L, r.getUint64List().get(0));
        assertEquals(0.5f, r.getFloat32List().get(1));
        assertEquals(0.25, r.getFloat64List().get(1));
        assertEquals("bc", r.getTextList().get(1).toString());
        assertArrayEquals(new byte[] {9, 8}, r.getDataList().get(0).toArray());
        assertEquals(1, r.getStructList().get(0).getX());
        assertEquals("second", r.getStructList().get(1).getS().toString());
        assertEquals(List.of(Color.RED, Color.DARK_SLATE_GRAY, Color.GREEN),
                List.of(r.getEnumList().get(0), r.getEnumList().get(1), r.getEnumList().get(2)));
        assertEquals(7, r.getInt32ListList().get(0).get(1));
        assertEquals(0, r.getInt32ListList().get(1).size());
        assertEquals("nested", r.getTextListList().get(0).get(0).toString());
        assertEquals(12, r.getStructListList().get(0).get(1).getX());
        assertEquals(Color.BLUEISH, r.getEnumListList().get(0).get(0));
    }

    @Test
    void allTypes_builderAsReader_seesBuilderWrites() {
        final AllTypes.Builder b = new MessageBuilder().initRoot(AllTypes.factory);
        fillAllTypes(b);

        final AllTypes.Reader r = b.asReader();

        assertEquals(-32, r.getInt32Field());
        assertEquals("text", r.getTextField().toString());
        assertEquals(12, b.getStructListList().get(0).get(1).getX());
    }

    @Test
    void allTypes_emptyStruct_readsZeroesAndEmptyPointers() {
        final MessageBuilder message = new MessageBuilder();
        message.initRoot(AllTypes.factory);

        final AllTypes.Reader r = roundTrip(message, AllTypes.factory);

        assertFalse(r.getBoolField());
        assertEquals(0, r.getInt64Field());
        assertEquals(Color.RED, r.getEnumField());
        assertFalse(r.hasTextField());
        assertEquals("", r.getTextField().toString());
        assertEquals(0, r.getDataField().size());
        assertFalse(r.hasStructField());
        assertEquals(0, r.getStructField().getInt32Field());
        assertEquals(0, r.getInt32List().size());
        assertEquals(0, r.getStructList().size());
        assertTrue(r.getAnyField().isNull());
    }

    @Test
    void defaults_emptyStruct_readerReturnsEveryDefault() {
        final MessageBuilder message = new MessageBuilder();
        message.initRoot(Defaults.factory);

        assertDefaults(roundTrip(message, Defaults.factory));
    }

    @Test
    void defaults_structShorterThanSchema_readerReturnsEveryDefault() {
        // An old writer's struct with no data and no pointers: every field is out of bounds and reads as default.
        final MessageBuilder message = new MessageBuilder();
        message.initRoot(AnyPointer.factory).initAs(Features.Outer.factory);

        assertDefaults(roundTrip(message, AnyPointer.factory).getAs(Defaults.factory));
    }

    static void assertDefaults(final Defaults.Reader r) {
        assertTrue(r.getBool0());
        assertFalse(r.getBool1());
        assertTrue(r.getBool2());
        assertTrue(r.getBool3());
        assertEquals(-123, r.getInt8Field());
        assertEquals(-12345, r.getInt16Field());
        assertEquals(-12345678, r.getInt32Field());
        assertEquals(-123456789012345L, r.getInt64Field());
        assertEquals(234, Byte.toUnsignedInt(r.getUint8Field()));
        assertEquals(45678, Short.toUnsignedInt(r.getUint16Field()));
        assertEquals(3456789012L, Integer.toUnsignedLong(r.getUint32Field()));
        assertEquals("12345678901234567890", Long.toUnsignedString(r.getUint64Field()));
        assertEquals(1234.5f, r.getFloat32Field());
        assertEquals(-123e45, r.getFloat64Field());
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(r.getFloat32NegZero()));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r.getFloat64NegZero()));
        assertEquals(0x7fc00000, Float.floatToRawIntBits(r.getFloat32Nan()));
        assertEquals(0x7ff8000000000000L, Double.doubleToRawLongBits(r.getFloat64Nan()));
        assertEquals(Float.POSITIVE_INFINITY, r.getFloat32Inf());
        assertEquals(Double.NEGATIVE_INFINITY, r.getFloat64NegInf());
        assertFalse(r.hasTextField());
        assertEquals("foo \"bar\"\n\\ b\u00e4z", r.getTextField().toString());
        assertArrayEquals(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff, 'b', 'a', 'r'}, r.getDataField().toArray());
        assertEquals(5, r.getStructField().getX());
        assertEquals("in", r.getStructField().getS().toString());
        assertEquals(Color.BLUEISH, r.getEnumField());
        final List<Boolean> bools = new ArrayList<>();
        for (int i = 0; i < r.getBoolList().size(); i++) {
            bools.add(r.getBoolList().get(i));
        }
        assertEquals(List.of(true, false, true, true, false, false, false, false, true), bools);
        assertEquals(3, r.getInt16List().size());
        assertEquals(-2, r.getInt16List().get(1));
        assertEquals(-1L, r.getUint64List().get(1));
        assertTrue(Double.isNaN(r.getFloat64List().get(0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r.getFloat64List().get(1)));
        assertEquals(Double.POSITIVE_INFINITY, r.getFloat64List().get(2));
        assertEquals("ccc", r.getTextList().get(2).toString());
        assertEquals("", r.getTextList().get(1).toString());
        assertArrayEquals(new byte[] {2, 3}, r.getDataList().get(1).toArray());
        assertEquals(2, r.getStructList().get(1).getX());
        assertEquals("two", r.getStructList().get(1).getS().toString());
        assertEquals(Color.DARK_SLATE_GRAY, r.getEnumList().get(1));
        assertEquals(3, r.getInt32ListList().size());
        assertEquals(2, r.getInt32ListList().get(0).get(1));
        assertEquals(0, r.getInt32ListList().get(1).size());
        assertEquals("", r.getEmptyText().toString());
        assertEquals(2, r.getVoidList().size());
        assertEquals(64, r.getBigData().size());
        assertEquals(63, r.getBigData().toArray()[63]);
    }

    @Test
    void defaults_builderGetters_returnDefaultsAndCopyThemIntoTheMessage() {
        final Defaults.Builder b = new MessageBuilder().initRoot(Defaults.factory);

        assertEquals(-12345678, b.getInt32Field());
        assertEquals("foo \"bar\"\n\\ b\u00e4z", b.getTextField().toString());
        assertEquals(5, b.getStructField().getX(), "struct default copied in (0.1.16 would throw)");
        assertTrue(b.hasStructField());
        assertEquals(-2, b.getInt16List().get(1), "list default copied in (0.1.16 would throw)");
        assertTrue(b.hasInt16List());
        assertEquals("two", b.getStructList().get(1).getS().toString());
        assertEquals(2, b.getInt32ListList().get(0).get(1));
        assertEquals(Color.DARK_SLATE_GRAY, b.getEnumList().get(1));

        b.getInt16List().set(0, (short) 100);
        b.getStructField().setX(6);

        assertEquals(100, b.asReader().getInt16List().get(0));
        assertEquals(-2, b.asReader().getInt16List().get(1));
        assertEquals(6, b.asReader().getStructField().getX());
    }

    @Test
    void defaults_setEveryFieldToItsDefault_leavesDataSectionZero() {
        final MessageBuilder message = new MessageBuilder();
        final Defaults.Builder b = message.initRoot(Defaults.factory);
        final Defaults.Reader d = new MessageBuilder().initRoot(Defaults.factory).asReader();
        b.setBool0(d.getBool0());
        b.setBool1(d.getBool1());
        b.setBool2(d.getBool2());
        b.setBool3(d.getBool3());
        b.setInt8Field(d.getInt8Field());
        b.setInt16Field(d.getInt16Field());
        b.setInt32Field(d.getInt32Field());
        b.setInt64Field(d.getInt64Field());
        b.setUint8Field(d.getUint8Field());
        b.setUint16Field(d.getUint16Field());
        b.setUint32Field(d.getUint32Field());
        b.setUint64Field(d.getUint64Field());
        b.setFloat32Field(d.getFloat32Field());
        b.setFloat64Field(d.getFloat64Field());
        b.setFloat32NegZero(d.getFloat32NegZero());
        b.setFloat64NegZero(d.getFloat64NegZero());
        b.setFloat32Nan(d.getFloat32Nan());
        b.setFloat64Nan(d.getFloat64Nan());
        b.setFloat32Inf(d.getFloat32Inf());
        b.setFloat64NegInf(d.getFloat64NegInf());
        b.setEnumField(d.getEnumField());

        final ByteBuffer segment = message.getSegmentsForOutput()[0].duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int word = 1; word <= Defaults.STRUCT_SIZE.data; word++) {
            assertEquals(0L, segment.getLong(word * 8), "data word " + (word - 1));
        }
    }

    @Test
    void defaults_setOtherValues_readBackThroughMasks() {
        final MessageBuilder message = new MessageBuilder();
        final Defaults.Builder b = message.initRoot(Defaults.factory);
        b.setBool0(false);
        b.setBool1(true);
        b.setInt32Field(0);
        b.setUint8Field((byte) 0);
        b.setFloat32NegZero(0.0f);
        b.setFloat64Nan(1.0);
        b.setEnumField(Color.RED);

        final Defaults.Reader r = roundTrip(message, Defaults.factory);

        assertFalse(r.getBool0());
        assertTrue(r.getBool1());
        assertTrue(r.getBool2(), "neighbouring bit untouched");
        assertEquals(0, r.getInt32Field());
        assertEquals(0, r.getUint8Field());
        assertEquals(0, Float.floatToRawIntBits(r.getFloat32NegZero()));
        assertEquals(1.0, r.getFloat64Nan());
        assertEquals(Color.RED, r.getEnumField());
        assertEquals(-123, r.getInt8Field(), "unset field still default");
    }

    @Test
    void listBuilderGetter_nullWithoutDefault_returnsEmptyListThatRefusesWrites() {
        final AllTypes.Builder b = new MessageBuilder().initRoot(AllTypes.factory);

        final PrimitiveList.Int.Builder ints = b.getInt32List();
        final StructList.Builder<Inner.Builder> structs = b.getStructList();

        assertEquals(0, ints.size());
        assertEquals(0, structs.size());
        assertEquals(0, b.getTextListList().size());
        assertFalse(b.hasInt32List(), "the getter did not write a pointer");
        assertThrows(IndexOutOfBoundsException.class, () -> ints.set(0, 1));
        assertEquals(0, b.asReader().getInt32List().size());
    }

    @Test
    void enumSetter_notInSchema_isRejected() {
        final AllTypes.Builder b = new MessageBuilder().initRoot(AllTypes.factory);

        assertThrows(IllegalArgumentException.class, () -> b.setEnumField(Color._NOT_IN_SCHEMA));
    }

    @Test
    void enumGetter_unknownWireValue_returnsNotInSchema() {
        final MessageBuilder message = new MessageBuilder();
        message.initRoot(AnyPointer.factory).initAs(Inner.factory).setX(7);

        final Features.Outer.Middle.Reader middle = roundTrip(message, AnyPointer.factory)
                .getAs(Features.Outer.Middle.factory);

        assertEquals(Features.Outer.Middle.Kind._NOT_IN_SCHEMA, middle.getKind());
    }

    @Test
    void which_unknownTag_returnsNotInSchema() {
        final MessageBuilder message = new MessageBuilder();
        message.initRoot(AnyPointer.factory).initAs(Features.Clashes.factory).setU0f0s64(99);

        final Shape.Reader shape = roundTrip(message, AnyPointer.factory).getAs(Shape.factory);

        assertEquals(Shape.Which._NOT_IN_SCHEMA, shape.which());
    }

    @Test
    void union_setEachMember_whichReportsItAfterSerialization() {
        final List<Shape.Which> seen = new ArrayList<>();
        for (final Shape.Which member : Shape.Which.values()) {
            if (member == Shape.Which._NOT_IN_SCHEMA) {
                continue;
            }
            final MessageBuilder message = new MessageBuilder();
            final Shape.Builder b = message.initRoot(Shape.factory);
            switch (member) {
                case CIRCLE -> b.setCircle(1.0);
                case SQUARE -> b.setSquare(2.0);
                case RECTANGLE -> b.initRectangle().setWidth(3.0);
                case NOTHING -> b.setNothing(Void.VOID);
                case LABEL -> b.setLabel("label");
                case INNER -> b.initInner().setX(4);
                case POINTS -> b.initPoints(2).set(1, 5);
                case COLOR -> b.setColor(Color.BLUEISH);
                default -> throw new AssertionError(member);
            }
            final Shape.Reader r = roundTrip(message, Shape.factory);
            assertEquals(member, r.which());
            assertEquals(member, b.which());
            seen.add(r.which());
            switch (member) {
                case CIRCLE -> assertEquals(1.0, r.getCircle());
                case SQUARE -> assertEquals(2.0, r.getSquare());
                case RECTANGLE -> {
                    assertTrue(r.isRectangle());
                    assertEquals(3.0, r.getRectangle().getWidth());
                    assertEquals(1.0, r.getRectangle().getHeight(), "group member default");
                }
                case NOTHING -> assertSame(Void.VOID, r.getNothing());
                case LABEL -> {
                    assertTrue(r.hasLabel());
                    assertEquals("label", r.getLabel().toString());
                }
                case INNER -> assertEquals(4, r.getInner().getX());
                case POINTS -> assertEquals(5, r.getPoints().get(1));
                case COLOR -> assertEquals(Color.BLUEISH, r.getColor());
                default -> throw new AssertionError(member);
            }
        }
        assertEquals(8, seen.size());
    }

    @Test
    void union_defaultMember_isFirstAndReadsItsDefault() {
        final MessageBuilder message = new MessageBuilder();
        message.initRoot(Shape.factory);

        final Shape.Reader r = roundTrip(message, Shape.factory);

        assertEquals(Shape.Which.CIRCLE, r.which());
        assertTrue(r.isCircle());
        assertFalse(r.isSquare());
        assertFalse(r.hasLabel(), "inactive pointer member");
        assertEquals(Shape.Named.Which.A, r.getNamed().which());
        assertEquals(1, Byte.toUnsignedInt(r.getStyle().getThickness()));
        assertEquals(Shape.Style.Kind.Which.SOLID, r.getStyle().getKind().which());
    }

    @Test
    void union_inactiveMemberGetter_failsTheAssertion() {
        final Shape.Reader r = new MessageBuilder().initRoot(Shape.factory).asReader();

        assertThrows(AssertionError.class, r::getSquare);
    }

    @Test
    void union_hasOfInactivePointerMember_isFalseEvenIfPointerSet() {
        final Shape.Builder b = new MessageBuilder().initRoot(Shape.factory);
        b.setLabel("x");
        b.setCircle(2.0);

        assertFalse(b.hasLabel());
        assertFalse(b.asReader().hasLabel());
        assertEquals(Shape.Which.CIRCLE, b.asReader().which());
    }

    @Test
    void groupInit_afterOtherMember_clearsTheGroupSlotsToDefaults() {
        final Shape.Builder b = new MessageBuilder().initRoot(Shape.factory);
        b.setCircle(9.5);

        final Shape.Rectangle.Builder rectangle = b.initRectangle();

        assertEquals(Shape.Which.RECTANGLE, b.which());
        assertEquals(0.0, rectangle.getWidth(), "width shares the circle's slot and was cleared");
        assertEquals(1.0, rectangle.getHeight());
    }

    @Test
    void unionInsideGroup_setEachMember_readsBack() {
        final MessageBuilder message = new MessageBuilder();
        final Shape.Builder b = message.initRoot(Shape.factory);
        final Shape.Style.Builder style = b.getStyle();
        style.setThickness((byte) 3);
        style.getKind().setDashed((short) 9);
        b.getNamed().setB("bee");

        Shape.Reader r = roundTrip(message, Shape.factory);
        assertEquals(3, r.getStyle().getThickness());
        assertEquals(Shape.Style.Kind.Which.DASHED, r.getStyle().getKind().which());
        assertEquals(9, r.getStyle().getKind().getDashed());
        assertEquals(Shape.Named.Which.B, r.getNamed().which());
        assertEquals("bee", r.getNamed().getB().toString());
        assertEquals(Shape.Which.CIRCLE, r.which(), "outer union untouched");

        final Shape.Style.Kind.Dotted.Builder dotted = b.getStyle().getKind().initDotted();
        r = roundTrip(message, Shape.factory);
        assertEquals(Shape.Style.Kind.Which.DOTTED, r.getStyle().getKind().which());
        assertEquals(3, dotted.getSpacing());
        assertEquals(Color.BLUEISH, r.getStyle().getKind().getDotted().getDotColor(),
                "dotColor shares dashed's slot; initDotted cleared it back to its default");
        assertEquals("dots", r.getStyle().getKind().getDotted().getNote().toString());
        b.getNamed().setC(false);
        assertFalse(roundTrip(message, Shape.factory).getNamed().getC());
    }

    @Test
    void groupInit_outerGroup_resetsNestedUnionAndSlots() {
        final Shape.Builder b = new MessageBuilder().initRoot(Shape.factory);
        b.getStyle().setThickness((byte) 7);
        b.getStyle().getKind().initDotted().setNote("custom");

        final Shape.Style.Builder style = b.initStyle();

        assertEquals(1, style.getThickness());
        assertEquals(Shape.Style.Kind.Which.SOLID, style.getKind().which());
        b.getStyle().getKind().initDotted();
        assertEquals("dots", style.getKind().getDotted().getNote().toString(), "pointer slot was cleared");
    }

    @Test
    void nestedTypes_atSeveralDepths_haveTheirOwnClassesAndConstants() {
        final MessageBuilder message = new MessageBuilder();
        final Features.Outer.Middle.Builder middle = message.initRoot(Features.Outer.factory).initMiddle();
        middle.setKind(Features.Outer.Middle.Kind.SECOND);
        middle.initLeaf();

        final Features.Outer.Reader r = roundTrip(message, Features.Outer.factory);

        assertEquals(Features.Outer.Middle.Kind.SECOND, r.getMiddle().getKind());
        assertEquals(7, r.getMiddle().getLeaf().getValue());
        assertEquals(10, Features.Outer.Middle.LIMIT);
        assertEquals("hello", Features.Outer.GREETING.toString());
    }

    @Test
    void clashingNames_fieldClass_isEscapedAndOthersKeepUpstreamNames() {
        final MessageBuilder message = new MessageBuilder();
        final Features.Clashes.Builder b = message.initRoot(Features.Clashes.factory);
        b.setClass_(5);
        b.setNew("new");
        b.setDefault(true);
        b.setEightBytes(8);
        b.getInterface().setEnum(3);

        final Features.Clashes.Reader r = roundTrip(message, Features.Clashes.factory);

        assertEquals(5, r.getClass_());
        assertSame(Features.Clashes.Reader.class, r.getClass());
        assertEquals("new", r.getNew().toString());
        assertTrue(r.getDefault());
        assertEquals(8, r.getEightBytes());
        assertEquals(3, r.getInterface().getEnum());
        assertEquals(List.of("CLASS", "PUBLIC", "SELF_EMPLOYED", "_NOT_IN_SCHEMA"),
                java.util.Arrays.stream(Features.Keywords.values()).map(Enum::name).toList());
    }

    @Test
    void constants_everyKind_haveTheSchemaValues() {
        assertSame(Void.VOID, Features.CONST_VOID);
        assertTrue(Features.CONST_BOOL);
        assertEquals(Byte.MIN_VALUE, Features.CONST_INT8);
        assertEquals(Short.MIN_VALUE, Features.CONST_INT16);
        assertEquals(Integer.MIN_VALUE, Features.CONST_INT32);
        assertEquals(Long.MIN_VALUE, Features.CONST_INT64);
        assertEquals(200, Byte.toUnsignedInt(Features.CONST_UINT8));
        assertEquals(65535, Short.toUnsignedInt(Features.CONST_UINT16));
        assertEquals(4294967295L, Integer.toUnsignedLong(Features.CONST_UINT32));
        assertEquals(-1L, Features.CONST_UINT64);
        assertEquals(1.5f, Features.CONST_FLOAT32);
        assertEquals(-2.25e-300, Features.CONST_FLOAT64);
        assertEquals(0x7fc00000, Float.floatToRawIntBits(Features.CONST_FLOAT32_NAN));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(Features.CONST_FLOAT32_NEG_ZERO));
        assertEquals(Double.POSITIVE_INFINITY, Features.CONST_FLOAT64_INF);
        assertEquals("constant text", Features.CONST_TEXT.toString());
        assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef},
                Features.CONST_DATA.toArray());
        assertEquals(Color.DARK_SLATE_GRAY, Features.CONST_ENUM);
        assertEquals(42, Features.CONST_STRUCT.getX());
        assertEquals("answer", Features.CONST_STRUCT.getS().toString());
        assertEquals(6, Features.CONST_LIST.size());
        assertEquals(8, Features.CONST_LIST.get(5));
        assertEquals("yz", Features.CONST_TEXT_LIST.get(1).toString());
        assertEquals("one", Features.CONST_STRUCT_LIST.get(0).getS().toString());
        assertEquals(2, Features.CONST_STRUCT_LIST.get(1).getX());
        assertEquals(4, Features.CONST_IMPORTED.getY());
    }

    @Test
    void constants_structConstant_copiesIntoAMessage() {
        final MessageBuilder message = new MessageBuilder();
        message.setRoot(Inner.factory, Features.CONST_STRUCT);

        assertEquals("answer", roundTrip(message, Inner.factory).getS().toString());
    }

    @Test
    void interfaces_typeIdAndMethodOrdinals_matchTheSchema() {
        assertEquals(0xc2ae488c16a882c0L, Features.Calc.TYPE_ID);
        assertEquals(0, Features.Calc.METHOD_ADD);
        assertEquals(1, Features.Calc.METHOD_PING);
        assertEquals(2, Features.Calc.METHOD_EVALUATE);
        assertEquals(3, Features.Calc.METHOD_DESCRIBE);
        assertEquals(0, Features.ScientificCalc.METHOD_SQRT);
        assertNotNull(Features.Calc.Nested.factory);
    }

    @Test
    void interfaces_paramAndResultStructs_buildAndRead() {
        final MessageBuilder message = new MessageBuilder();
        final Features.Calc.AddParams.Builder params = message.initRoot(Features.Calc.AddParams.factory);
        params.setA(2);
        params.setB(3);
        final MessageBuilder describe = new MessageBuilder();
        describe.initRoot(Features.Calc.DescribeParams.factory).initShape().setSquare(1.0);

        final Features.Calc.AddParams.Reader r = roundTrip(message, Features.Calc.AddParams.factory);
        final Features.Calc.DescribeParams.Reader d = roundTrip(describe, Features.Calc.DescribeParams.factory);

        assertEquals(5, r.getA() + r.getB());
        assertEquals(Shape.Which.SQUARE, d.getShape().which());
        assertTrue(d.getVerbose(), "parameter default");
        assertEquals(0, Features.Calc.PingResults.STRUCT_SIZE.data);
        assertSame(Features.Calc.AddResults.factory, Features.Calc.AddResults.factory);
    }

    @Test
    void listFactory_ofStruct_buildsStructLists() {
        final MessageBuilder message = new MessageBuilder();
        final StructList.Builder<Inner.Builder> list = message.initRoot(AnyPointer.factory).initAs(Inner.listFactory, 3);
        list.get(2).setX(3);

        final StructList.Reader<Inner.Reader> r = roundTrip(message, Inner.listFactory);

        assertEquals(3, r.size());
        assertEquals(3, r.get(2).getX());
    }
}
