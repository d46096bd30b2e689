package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.capnproto.ArrayInputStream;
import org.capnproto.BuilderArena;
import org.capnproto.MessageBuilder;
import org.capnproto.ReaderOptions;
import org.capnproto.SerializePacked;
import org.capnproto.Void;
import org.capring.schema.compiler.testschema.Features;
import org.capring.schema.compiler.testschema.Features.AllTypes;
import org.capring.schema.compiler.testschema.Features.Defaults;
import org.capring.schema.compiler.testschema.Features.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with the reference C++ implementation: messages written by the generated Java code are decoded by
 * {@code capnp decode} (plain and packed), messages written by {@code capnp encode} (also split into many
 * segments) are read by the generated code, and both are compared byte for byte in canonical form
 * ({@code capnp convert binary:canonical}); defaults and constants are checked against {@code capnp eval}.
 * Skipped, with the reason, where {@code capnp} is not installed.
 */
final class InteropTest {

    /** What {@link GeneratedCodeTest#fillAllTypes} writes, in capnp's text format, written out by hand. */
    static final String ALL_TYPES_TEXT = "(voidField = void, boolField = true, int8Field = -8, int16Field = -16,"
            + " int32Field = -32, int64Field = -64, uint8Field = 200, uint16Field = 60000,"
            + " uint32Field = 4000000000, uint64Field = 18446744073709551614, float32Field = 1.25,"
            + " float64Field = -3.5, textField = \"text\", dataField = 0x\"010203\","
            + " structField = (int32Field = 99), enumField = blueish, importedField = (x = 11),"
            + " importedEnum = west, voidList = [void, void, void],"
            + " boolList = [true, false, false, false, false, false, false, false, false, true],"
            + " int8List = [0, -1], int16List = [0, -2], int32List = [0, -3], int64List = [0, -4],"
            + " uint8List = [255], uint16List = [65535], uint32List = [4294967295],"
            + " uint64List = [18446744073709551615], float32List = [0, 0.5], float64List = [0, 0.25],"
            + " textList = [\"a\", \"bc\"], dataList = [0x\"0908\"], structList = [(x = 1), (s = \"second\")],"
            + " enumList = [red, darkSlateGray, green], int32ListList = [[0, 7], []],"
            + " textListList = [[\"nested\"]], structListList = [[(), (x = 12)]], enumListList = [[blueish]])";

    private static final String INCLUDE = "-I" + TestSupport.JAVA_CAPNP_ROOT;
    private static final String SCHEMA = TestSupport.FEATURES_CAPNP.toString();

    @BeforeEach
    void requireCapnp() {
        TestSupport.assumeCapnp();
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    private static byte[] encode(final String type, final String text, final String... options) {
        final List<String> args = new ArrayList<>(List.of("encode", INCLUDE));
        args.addAll(List.of(options));
        args.addAll(List.of(SCHEMA, type));
        return TestSupport.capnp(text.getBytes(StandardCharsets.UTF_8), args.toArray(String[]::new)).stdout();
    }

    private static String decode(final String type, final byte[] message, final String... options) {
        final List<String> args = new ArrayList<>(List.of("decode", "--short", INCLUDE));
        args.addAll(List.of(options));
        args.addAll(List.of(SCHEMA, type));
        return TestSupport.capnp(message, args.toArray(String[]::new)).text().strip();
    }

    private static byte[] canonical(final String type, final byte[] message, final String format) {
        return TestSupport.capnp(message, "convert", format + ":canonical", INCLUDE, SCHEMA, type).stdout();
    }

    private static String eval(final String name) {
        return TestSupport.capnp(new byte[0], "eval", INCLUDE, SCHEMA, name).text().strip();
    }

    private static byte[] packed(final MessageBuilder message) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            SerializePacked.writeToUnbuffered(Channels.newChannel(bytes), message);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static MessageBuilder build(final Consumer<MessageBuilder> writer) {
        final MessageBuilder message = new MessageBuilder();
        writer.accept(message);
        return message;
    }

    private static int segmentCount(final byte[] serialized) {
        return ByteBuffer.wrap(serialized).order(ByteOrder.LITTLE_ENDIAN).getInt(0) + 1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Java writes, C++ reads

    @Test
    void javaWritten_allTypes_equalsCapnpEncodingOfExpectedTextCanonically() {
        final MessageBuilder message = build(m -> GeneratedCodeTest.fillAllTypes(m.initRoot(AllTypes.factory)));

        final byte[] expected = canonical("AllTypes", encode("AllTypes", ALL_TYPES_TEXT), "binary");

        assertArrayEquals(expected, canonical("AllTypes", TestSupport.serialize(message), "binary"));
        assertArrayEquals(expected, canonical("AllTypes", packed(message), "packed"));
    }

    @Test
    void javaWritten_allTypes_capnpDecodesPlainAndPackedToSameText() {
        final MessageBuilder message = build(m -> GeneratedCodeTest.fillAllTypes(m.initRoot(AllTypes.factory)));

        final String plain = decode("AllTypes", TestSupport.serialize(message));
        final String fromPacked = decode("AllTypes", packed(message), "--packed");

        assertEquals(plain, fromPacked);
        assertTrue(plain.contains("uint64Field = 18446744073709551614"), plain);
        assertTrue(plain.contains("enumList = [red, darkSlateGray, green]"), plain);
        assertTrue(plain.contains("structListList = [[(x = 0), (x = 12)]]"), plain);
    }

    @Test
    void javaWritten_manySegments_capnpReadsSameContent() {
        final MessageBuilder message = new MessageBuilder(4, BuilderArena.AllocationStrategy.FIXED_SIZE);
        GeneratedCodeTest.fillAllTypes(message.initRoot(AllTypes.factory));
        final byte[] bytes = TestSupport.serialize(message);

        assertTrue(segmentCount(bytes) > 1, "expected a multi-segment message");
        assertArrayEquals(canonical("AllTypes", encode("AllTypes", ALL_TYPES_TEXT), "binary"),
                canonical("AllTypes", bytes, "binary"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // C++ writes, Java reads

    @ParameterizedTest
    @ValueSource(strings = {"plain", "packed", "segments"})
    void capnpWritten_allTypes_javaReadsEveryValueAndRoundTripsCanonically(final String form) throws IOException {
        final AllTypes.Reader reader;
        final byte[] cppBytes;
        switch (form) {
            case "packed" -> {
                cppBytes = encode("AllTypes", ALL_TYPES_TEXT, "--packed");
                reader = SerializePacked.read(new ArrayInputStream(ByteBuffer.wrap(cppBytes)),
                        new ReaderOptions(Long.MAX_VALUE, 64)).getRoot(AllTypes.factory);
            }
            case "segments" -> {
                cppBytes = encode("AllTypes", ALL_TYPES_TEXT, "--segment-size=2");
                assertTrue(segmentCount(cppBytes) > 2, "capnp wrote " + segmentCount(cppBytes) + " segments");
                reader = TestSupport.read(cppBytes).getRoot(AllTypes.factory);
            }
            default -> {
                cppBytes = encode("AllTypes", ALL_TYPES_TEXT);
                reader = TestSupport.read(cppBytes).getRoot(AllTypes.factory);
            }
        }

        GeneratedCodeTest.assertAllTypes(reader);
        final MessageBuilder copy = new MessageBuilder();
        copy.setRoot(AllTypes.factory, reader);
        assertArrayEquals(canonical("AllTypes", cppBytes, form.equals("packed") ? "packed" : "binary"),
                canonical("AllTypes", TestSupport.serialize(copy), "binary"));
    }

    @Test
    void capnpWrittenEmptyStruct_defaults_javaReadsCapnpDefaults() {
        final Defaults.Reader reader = TestSupport.read(encode("Defaults", "()")).getRoot(Defaults.factory);

        GeneratedCodeTest.assertDefaults(reader);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Defaults and constants against capnp eval

    @Test
    void dataFieldDefaults_javaReaderOfEmptyStruct_equalCapnpEval() {
        final Defaults.Reader d = new MessageBuilder().initRoot(Defaults.factory).asReader();
        final List<String> mismatches = new ArrayList<>();
        check(mismatches, "Defaults.bool0", Boolean.toString(d.getBool0()));
        check(mismatches, "Defaults.bool1", Boolean.toString(d.getBool1()));
        check(mismatches, "Defaults.bool2", Boolean.toString(d.getBool2()));
        check(mismatches, "Defaults.bool3", Boolean.toString(d.getBool3()));
        check(mismatches, "Defaults.int8Field", Byte.toString(d.getInt8Field()));
        check(mismatches, "Defaults.int16Field", Short.toString(d.getInt16Field()));
        check(mismatches, "Defaults.int32Field", Integer.toString(d.getInt32Field()));
        check(mismatches, "Defaults.int64Field", Long.toString(d.getInt64Field()));
        check(mismatches, "Defaults.uint8Field", Integer.toString(Byte.toUnsignedInt(d.getUint8Field())));
        check(mismatches, "Defaults.uint16Field", Integer.toString(Short.toUnsignedInt(d.getUint16Field())));
        check(mismatches, "Defaults.uint32Field", Integer.toUnsignedString(d.getUint32Field()));
        check(mismatches, "Defaults.uint64Field", Long.toUnsignedString(d.getUint64Field()));
        checkFloat(mismatches, "Defaults.float32Field", d.getFloat32Field());
        checkFloat(mismatches, "Defaults.float64Field", d.getFloat64Field());
        checkFloat(mismatches, "Defaults.float32NegZero", d.getFloat32NegZero());
        checkFloat(mismatches, "Defaults.float64NegZero", d.getFloat64NegZero());
        checkFloat(mismatches, "Defaults.float32Nan", d.getFloat32Nan());
        checkFloat(mismatches, "Defaults.float64Nan", d.getFloat64Nan());
        checkFloat(mismatches, "Defaults.float32Inf", d.getFloat32Inf());
        checkFloat(mismatches, "Defaults.float64NegInf", d.getFloat64NegInf());
        check(mismatches, "Defaults.enumField", d.getEnumField().name());

        assertEquals(List.of(), mismatches);
    }

    @Test
    void pointerFieldDefaults_javaReaderOfEmptyStruct_equalCapnpEvalCanonically() {
        // float64List is checked element by element below: capnp's text format reads "-0" back as +0.
        final List<String> fields = List.of("textField", "dataField", "structField", "boolList", "int16List",
                "uint64List", "textList", "dataList", "structList", "enumList", "int32ListList",
                "emptyText", "voidList", "bigData");
        final StringBuilder text = new StringBuilder("(");
        for (final String field : fields) {
            text.append(text.length() > 1 ? ", " : "").append(field).append(" = ").append(eval("Defaults." + field));
        }
        text.append(')');
        final Defaults.Reader d = new MessageBuilder().initRoot(Defaults.factory).asReader();
        final MessageBuilder message = new MessageBuilder();
        final Defaults.Builder b = message.initRoot(Defaults.factory);
        b.setTextField(d.getTextField());
        b.setDataField(d.getDataField());
        b.setStructField(d.getStructField());
        b.setBoolList(d.getBoolList());
        b.setInt16List(d.getInt16List());
        b.setUint64List(d.getUint64List());
        b.setTextList(d.getTextList());
        b.setDataList(d.getDataList());
        b.setStructList(d.getStructList());
        b.setEnumList(d.getEnumList());
        b.setInt32ListList(d.getInt32ListList());
        b.setEmptyText(d.getEmptyText());
        b.setVoidList(d.getVoidList());
        b.setBigData(d.getBigData());

        assertArrayEquals(canonical("Defaults", encode("Defaults", text.toString()), "binary"),
                canonical("Defaults", TestSupport.serialize(message), "binary"));
        final String[] floats = eval("Defaults.float64List").replaceAll("[\\[\\] ]", "").split(",");
        assertEquals(floats.length, d.getFloat64List().size());
        final List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < floats.length; i++) {
            compareFloat(mismatches, "Defaults.float64List[" + i + "]", floats[i], d.getFloat64List().get(i));
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void primitiveConstants_equalCapnpEval() {
        final List<String> mismatches = new ArrayList<>();
        check(mismatches, "constVoid", "void");
        check(mismatches, "constBool", Boolean.toString(Features.CONST_BOOL));
        check(mismatches, "constInt8", Byte.toString(Features.CONST_INT8));
        check(mismatches, "constInt16", Short.toString(Features.CONST_INT16));
        check(mismatches, "constInt32", Integer.toString(Features.CONST_INT32));
        check(mismatches, "constInt64", Long.toString(Features.CONST_INT64));
        check(mismatches, "constUint8", Integer.toString(Byte.toUnsignedInt(Features.CONST_UINT8)));
        check(mismatches, "constUint16", Integer.toString(Short.toUnsignedInt(Features.CONST_UINT16)));
        check(mismatches, "constUint32", Integer.toUnsignedString(Features.CONST_UINT32));
        check(mismatches, "constUint64", Long.toUnsignedString(Features.CONST_UINT64));
        checkFloat(mismatches, "constFloat32", Features.CONST_FLOAT32);
        checkFloat(mismatches, "constFloat64", Features.CONST_FLOAT64);
        checkFloat(mismatches, "constFloat32Nan", Features.CONST_FLOAT32_NAN);
        checkFloat(mismatches, "constFloat32NegZero", Features.CONST_FLOAT32_NEG_ZERO);
        checkFloat(mismatches, "constFloat64Inf", Features.CONST_FLOAT64_INF);
        check(mismatches, "constEnum", Features.CONST_ENUM.name());
        check(mismatches, "constText", "\"" + Features.CONST_TEXT + "\"");
        check(mismatches, "Outer.greeting", "\"" + Features.Outer.GREETING + "\"");
        check(mismatches, "Outer.Middle.limit", Integer.toString(Features.Outer.Middle.LIMIT));

        assertEquals(List.of(), mismatches);
    }

    @Test
    void pointerConstants_equalCapnpEvalCanonically() {
        final MessageBuilder structConst = new MessageBuilder();
        structConst.setRoot(Features.Inner.factory, Features.CONST_STRUCT);
        final byte[] cppStruct = TestSupport.capnp(new byte[0], "eval", "-obinary", INCLUDE, SCHEMA, "constStruct")
                .stdout();
        assertArrayEquals(canonical("Inner", cppStruct, "binary"),
                canonical("Inner", TestSupport.serialize(structConst), "binary"));

        final MessageBuilder lists = new MessageBuilder();
        final AllTypes.Builder b = lists.initRoot(AllTypes.factory);
        b.setInt32List(Features.CONST_LIST);
        b.setTextList(Features.CONST_TEXT_LIST);
        b.setStructList(Features.CONST_STRUCT_LIST);
        b.setDataField(Features.CONST_DATA);
        b.setImportedField(Features.CONST_IMPORTED);
        final String text = "(int32List = " + eval("constList") + ", textList = " + eval("constTextList")
                + ", structList = " + eval("constStructList") + ", dataField = " + eval("constData")
                + ", importedField = " + eval("constImported") + ")";
        assertArrayEquals(canonical("AllTypes", encode("AllTypes", text), "binary"),
                canonical("AllTypes", TestSupport.serialize(lists), "binary"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Unions and groups

    @Test
    void unionMembers_writtenBySide_matchOtherSideCanonicallyAndWhich() {
        final List<String> texts = List.of("(circle = 1.5)", "(square = 2)", "(rectangle = (width = 3))",
                "(nothing = void)", "(label = \"l\")", "(inner = (x = 4))", "(points = [5, 6])",
                "(color = blueish)");
        final List<Consumer<Shape.Builder>> writers = List.of(b -> b.setCircle(1.5), b -> b.setSquare(2),
                b -> b.initRectangle().setWidth(3), b -> b.setNothing(Void.VOID), b -> b.setLabel("l"),
                b -> b.initInner().setX(4), b -> {
                    final org.capnproto.PrimitiveList.Int.Builder points = b.initPoints(2);
                    points.set(0, 5);
                    points.set(1, 6);
                }, b -> b.setColor(Features.Color.BLUEISH));
        for (int i = 0; i < texts.size(); i++) {
            final byte[] cpp = encode("Shape", texts.get(i));
            final MessageBuilder java = new MessageBuilder();
            writers.get(i).accept(java.initRoot(Shape.factory));

            assertEquals(Shape.Which.values()[i], TestSupport.read(cpp).getRoot(Shape.factory).which(), texts.get(i));
            assertArrayEquals(canonical("Shape", cpp, "binary"),
                    canonical("Shape", TestSupport.serialize(java), "binary"), texts.get(i));
        }
    }

    @Test
    void groupInit_afterOtherMember_leavesNoTraceOfTheOldMember() {
        final MessageBuilder java = new MessageBuilder();
        final Shape.Builder b = java.initRoot(Shape.factory);
        b.setCircle(9.5);
        b.initRectangle();
        b.getStyle().getKind().setDashed((short) 3);
        b.getStyle().getKind().initDotted();
        b.getNamed().setC(false);

        final String expected = "(rectangle = (), style = (kind = (dotted = ())), named = (c = false))";
        assertArrayEquals(canonical("Shape", encode("Shape", expected), "binary"),
                canonical("Shape", TestSupport.serialize(java), "binary"));
        assertEquals("(area = 0, rectangle = (width = 0, height = 1), style = (thickness = 1, kind = (dotted ="
                        + " (spacing = 3, dotColor = blueish))), named = (c = false))",
                decode("Shape", TestSupport.serialize(java)));
    }

    private static void check(final List<String> mismatches, final String name, final String javaValue) {
        final String cpp = eval(name);
        final String comparable = name.equals("constEnum") || name.equals("Defaults.enumField")
                ? Names.upperSnake(cpp) : cpp;
        if (!comparable.equals(javaValue)) {
            mismatches.add(name + ": capnp eval says " + cpp + ", Java has " + javaValue);
        }
    }

    private static void checkFloat(final List<String> mismatches, final String name, final double javaValue) {
        compareFloat(mismatches, name, eval(name), javaValue);
    }

    private static void compareFloat(final List<String> mismatches, final String name, final String text,
                                     final double javaValue) {
        final String cpp = text.toLowerCase(Locale.ROOT);
        final double cppValue = switch (cpp) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(cpp);
        };
        if (Double.doubleToLongBits(cppValue) != Double.doubleToLongBits(javaValue)
                && !(Double.isNaN(cppValue) && Double.isNaN(javaValue))) {
            mismatches.add(name + ": capnp eval says " + cpp + ", Java has " + javaValue);
        }
    }
}
