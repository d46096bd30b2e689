package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.capnproto.AnyPointer;
import org.capnproto.MessageBuilder;
import org.capnproto.SegmentBuilder;
import org.capnproto.SegmentReader;
import org.capnproto.StructBuilder;
import org.capnproto.StructFactory;
import org.capnproto.StructList;
import org.capnproto.StructReader;
import org.capnproto.StructSize;
import org.capnproto.Text;
import org.capring.schema.compiler.SchemaCompileException.Reason;
import org.capring.schema.compiler.schema.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the generator must refuse: unreadable bytes, unknown kinds, dangling and duplicate ids, impossible
 * layouts, unsupported features, names that would not compile, and (with ring stubs, as {@code capnpc-java} runs by
 * default) misplaced capring annotations, interface inheritance, capabilities in messages and clashes with the
 * stubs' names. Each is derived from the valid {@code features.req} (edited with the generated
 * {@code schema.capnp} builders, or poked raw where a builder cannot express the damage) and must fail with a
 * {@link SchemaCompileException} of the documented reason that names the schema element at fault; nothing else may
 * escape.
 */
final class HostileRequestTest {

    private static final byte[] FEATURES = TestSupport.request("features.req");
    private static final String FILE = "features.capnp";

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** A raw view of any struct, for writing values that generated builders cannot express. */
    static final class RawReader extends StructReader {
        RawReader(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }
    }

    /** A raw builder of any struct. */
    static final class RawBuilder extends StructBuilder {
        RawBuilder(final SegmentBuilder s, final int d, final int p, final int ds, final short pc) {
            super(s, d, p, ds, pc);
        }

        void setShort(final int offset, final short value) {
            _setShortField(offset, value);
        }

        RawBuilder struct(final int pointer) {
            return _getPointerField(RAW, pointer);
        }

        StructList.Builder<RawBuilder> list(final int pointer) {
            return _getPointerField(RAW_LIST, pointer);
        }
    }

    static final class RawFactory extends StructFactory<RawBuilder, RawReader> {
        @Override
        public RawReader constructReader(final SegmentReader s, final int d, final int p, final int ds,
                                         final short pc, final int n) {
            return new RawReader(s, d, p, ds, pc, n);
        }

        @Override
        public RawBuilder constructBuilder(final SegmentBuilder s, final int d, final int p, final int ds,
                                           final short pc) {
            return new RawBuilder(s, d, p, ds, pc);
        }

        @Override
        public StructSize structSize() {
            return new StructSize((short) 0, (short) 0);
        }

        @Override
        public RawReader asReader(final RawBuilder builder) {
            throw new UnsupportedOperationException();
        }
    }

    static final RawFactory RAW = new RawFactory();
    static final StructList.Factory<RawBuilder, RawReader> RAW_LIST = StructList.newFactory(RAW);

    /** Copies features.req into a builder, applies {@code edit} (typed and raw), returns the bytes. */
    private static byte[] mutate(final Consumer<Schema.CodeGeneratorRequest.Builder> edit) {
        return mutateRaw(edit, raw -> { });
    }

    private static byte[] mutateRaw(final Consumer<Schema.CodeGeneratorRequest.Builder> edit,
                                    final Consumer<RawBuilder> rawEdit) {
        final MessageBuilder message = new MessageBuilder();
        message.setRoot(Schema.CodeGeneratorRequest.factory,
                TestSupport.read(FEATURES).getRoot(Schema.CodeGeneratorRequest.factory));
        edit.accept(message.getRoot(Schema.CodeGeneratorRequest.factory));
        rawEdit.accept(message.getRoot(AnyPointer.factory).getAs(RAW));
        return TestSupport.serialize(message);
    }

    private static int nodeIndex(final String displayName) {
        final StructList.Reader<Schema.Node.Reader> nodes = TestSupport.read(FEATURES)
                .getRoot(Schema.CodeGeneratorRequest.factory).getNodes();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).getDisplayName().toString().equals(displayName)) {
                return i;
            }
        }
        throw new AssertionError("no node " + displayName);
    }

    private static int fieldIndex(final String node, final String field) {
        final Schema.Node.Reader reader = TestSupport.read(FEATURES).getRoot(Schema.CodeGeneratorRequest.factory)
                .getNodes().get(nodeIndex(node));
        final StructList.Reader<Schema.Field.Reader> fields = reader.getStruct().getFields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().toString().equals(field)) {
                return i;
            }
        }
        throw new AssertionError("no field " + field);
    }

    private static Schema.Node.Builder node(final Schema.CodeGeneratorRequest.Builder request, final String name) {
        return request.getNodes().get(nodeIndex(name));
    }

    private static Schema.Field.Builder field(final Schema.CodeGeneratorRequest.Builder request, final String node,
                                              final String field) {
        return node(request, node).getStruct().getFields().get(fieldIndex(node, field));
    }

    private static long id(final String displayName) {
        return TestSupport.read(FEATURES).getRoot(Schema.CodeGeneratorRequest.factory).getNodes()
                .get(nodeIndex(displayName)).getId();
    }

    private static Schema.Node.NestedNode.Builder nested(final Schema.Node.Builder parent, final String name) {
        for (final Schema.Node.NestedNode.Builder nested : parent.getNestedNodes()) {
            if (nested.getName().toString().equals(name)) {
                return nested;
            }
        }
        throw new AssertionError("no nested " + name);
    }

    private static JavaGenerator ringGenerator() {
        return new JavaGenerator(GeneratorOptions.defaults().withRingStubs());
    }

    private static SchemaCompileException assertRefused(final byte[] request, final Reason reason,
                                                        final String element) {
        final JavaGenerator generator = ringGenerator();
        final SchemaCompileException e = assertThrows(SchemaCompileException.class,
                () -> generator.generate(request));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(element, e.element(), e.getMessage());
        assertTrue(e.getMessage().startsWith(element + ": "), e.getMessage());
        // The generator is stateless: a refusal leaves it usable.
        assertEquals(2, generator.generate(FEATURES).size());
        return e;
    }

    // ---------------------------------------------------------------------------------------------------------
    // unreadable bytes

    @Test
    void read_emptyInput_isMalformed() {
        assertRefused(new byte[0], Reason.MALFORMED_REQUEST, RequestReader.REQUEST_ELEMENT);
    }

    @Test
    void read_lengthNotAMultipleOfEight_isMalformed() {
        assertRefused(Arrays.copyOf(FEATURES, FEATURES.length - 3), Reason.MALFORMED_REQUEST,
                RequestReader.REQUEST_ELEMENT);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 64, 1024, 16000, 33600})
    void read_truncatedRequest_isMalformed(final int length) {
        final SchemaCompileException e = assertRefused(Arrays.copyOf(FEATURES, length), Reason.MALFORMED_REQUEST,
                RequestReader.REQUEST_ELEMENT);
        assertTrue(e.detail().contains("truncated"), e.detail());
    }

    @Test
    void read_trailingBytesAfterMessage_isMalformed() {
        final byte[] bytes = Arrays.copyOf(FEATURES, FEATURES.length + 8);

        final SchemaCompileException e = assertRefused(bytes, Reason.MALFORMED_REQUEST,
                RequestReader.REQUEST_ELEMENT);
        assertTrue(e.detail().contains("trailing"), e.detail());
    }

    @Test
    void read_hugeSegmentTable_isMalformed() {
        final byte[] bytes = FEATURES.clone();
        bytes[0] = (byte) 0xff;
        bytes[1] = (byte) 0xff;
        assertRefused(bytes, Reason.MALFORMED_REQUEST, RequestReader.REQUEST_ELEMENT);
    }

    @Test
    void generate_randomBytes_onlyEverThrowsSchemaCompileException() {
        final Random random = new Random(0x5eed_cafeL);
        for (int trial = 0; trial < 300; trial++) {
            final byte[] bytes = new byte[8 * (1 + random.nextInt(64))];
            random.nextBytes(bytes);
            if (trial % 2 == 0) {
                bytes[0] = 0; // one segment, so that the segment table is plausible
                bytes[1] = 0;
                bytes[2] = 0;
                bytes[3] = 0;
            }
            generateOrRefuse(bytes, "random message #" + trial);
        }
    }

    @Test
    void generate_bitFlippedRequests_onlyEverThrowsSchemaCompileException() {
        final Random random = new Random(0xf11b5L);
        for (int trial = 0; trial < 150; trial++) {
            final byte[] bytes = FEATURES.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                final int bit = random.nextInt(bytes.length * 8);
                bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            }
            generateOrRefuse(bytes, "bit-flipped request #" + trial);
        }
    }

    private static void generateOrRefuse(final byte[] bytes, final String what) {
        for (final JavaGenerator generator : List.of(new JavaGenerator(), ringGenerator())) {
            try {
                generator.generate(bytes);
            } catch (final SchemaCompileException expected) {
                assertFalse(expected.element().isEmpty(), what);
            } catch (final RuntimeException | StackOverflowError | OutOfMemoryError e) {
                fail(what + " escaped as " + e, e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // unknown kinds

    @Test
    void generate_unknownNodeKind_isRefusedNamingTheNode() {
        final int index = nodeIndex(FILE + ":Inner");
        final byte[] request = mutateRaw(r -> { }, raw -> raw.list(0).get(index).setShort(6, (short) 9));

        final SchemaCompileException e = assertRefused(request, Reason.UNKNOWN_KIND, FILE + ":Inner");
        assertTrue(e.detail().contains("unknown node kind"), e.detail());
    }

    @Test
    void generate_unknownTypeKind_isRefusedNamingTheField() {
        final int node = nodeIndex(FILE + ":AllTypes");
        final int field = fieldIndex(FILE + ":AllTypes", "int32Field");
        final byte[] request = mutateRaw(r -> { },
                raw -> raw.list(0).get(node).list(3).get(field).struct(2).setShort(0, (short) 40));

        assertRefused(request, Reason.UNKNOWN_KIND, FILE + ":AllTypes.int32Field");
    }

    @Test
    void generate_unknownFieldKind_isRefusedNamingTheField() {
        final int node = nodeIndex(FILE + ":Inner");
        final int field = fieldIndex(FILE + ":Inner", "s");
        final byte[] request = mutateRaw(r -> { }, raw -> raw.list(0).get(node).list(3).get(field)
                .setShort(4, (short) 5));

        assertRefused(request, Reason.UNKNOWN_KIND, FILE + ":Inner.s");
    }

    @Test
    void generate_unknownDefaultValueKind_isRefusedNamingTheField() {
        final int node = nodeIndex(FILE + ":Defaults");
        final int field = fieldIndex(FILE + ":Defaults", "int16Field");
        final byte[] request = mutateRaw(r -> { }, raw -> raw.list(0).get(node).list(3).get(field).struct(3)
                .setShort(0, (short) 77));

        assertRefused(request, Reason.UNKNOWN_KIND, FILE + ":Defaults.int16Field");
    }

    // ---------------------------------------------------------------------------------------------------------
    // bad and dangling ids

    @Test
    void generate_danglingNestedNodeId_isRefusedNamingTheParent() {
        final byte[] request = mutate(r -> nested(node(r, FILE), "Inner").setId(0x1234L));

        final SchemaCompileException e = assertRefused(request, Reason.UNKNOWN_ID, FILE);
        assertTrue(e.detail().contains("0x0000000000001234"), e.detail());
    }

    @Test
    void generate_danglingFieldTypeId_isRefusedNamingTheField() {
        final byte[] request = mutate(r -> field(r, FILE + ":AllTypes", "structField").getSlot().getType()
                .getStruct().setTypeId(0xdeadL));

        assertRefused(request, Reason.UNKNOWN_ID, FILE + ":AllTypes.structField");
    }

    @Test
    void generate_fieldTypeIdOfWrongKind_isRefusedNamingTheField() {
        final long enumId = id(FILE + ":Color");
        final byte[] request = mutate(r -> field(r, FILE + ":AllTypes", "structField").getSlot().getType()
                .getStruct().setTypeId(enumId));

        assertRefused(request, Reason.UNKNOWN_ID, FILE + ":AllTypes.structField");
    }

    @Test
    void generate_duplicateNodeId_isRefused() {
        final long innerId = id(FILE + ":Inner");
        final byte[] request = mutate(r -> node(r, FILE + ":Color").setId(innerId));

        // The error names the node that comes second in request order and mentions the first.
        final SchemaCompileException e = assertRefused(request, Reason.UNKNOWN_ID, FILE + ":Inner");
        assertTrue(e.detail().contains(FILE + ":Color"), e.detail());
        assertTrue(e.detail().contains("appears twice"), e.detail());
    }

    @Test
    void generate_requestedFileIdNotInRequest_isRefused() {
        final byte[] request = mutate(r -> r.getRequestedFiles().get(0).setId(0x42L));

        assertRefused(request, Reason.UNKNOWN_ID, FILE);
    }

    @Test
    void generate_requestedFileIdOfAStruct_isRefused() {
        final long innerId = id(FILE + ":Inner");
        final byte[] request = mutate(r -> r.getRequestedFiles().get(0).setId(innerId));

        assertRefused(request, Reason.UNKNOWN_ID, FILE);
    }

    @Test
    void generate_danglingGroupTypeId_isRefusedNamingTheGroupField() {
        final byte[] request = mutate(r -> field(r, FILE + ":Shape", "style").getGroup().setTypeId(0x77L));

        assertRefused(request, Reason.UNKNOWN_ID, FILE + ":Shape.style");
    }

    @Test
    void generate_groupTypeIdOfAPlainStruct_isRefused() {
        final long innerId = id(FILE + ":Inner");
        final byte[] request = mutate(r -> field(r, FILE + ":Shape", "style").getGroup().setTypeId(innerId));

        assertRefused(request, Reason.UNKNOWN_ID, FILE + ":Shape.style");
    }

    @Test
    void generate_danglingMethodParamStruct_isRefusedNamingTheMethod() {
        final byte[] request = mutate(r -> node(r, FILE + ":Calc").getInterface().getMethods().get(0)
                .setParamStructType(0x99L));

        assertRefused(request, Reason.UNKNOWN_ID, FILE + ":Calc.add");
    }

    @Test
    void generate_scopeIdNotTheEnclosingNode_isMalformed() {
        final byte[] request = mutate(r -> node(r, FILE + ":Inner").setScopeId(0x5L));

        assertRefused(request, Reason.MALFORMED_REQUEST, FILE + ":Inner");
    }

    // ---------------------------------------------------------------------------------------------------------
    // impossible layouts and values

    @Test
    void generate_dataSlotOutsideDataSection_isMalformed() {
        final byte[] request = mutate(r -> field(r, FILE + ":Inner", "x").getSlot().setOffset(2));

        assertRefused(request, Reason.MALFORMED_REQUEST, FILE + ":Inner.x");
    }

    @Test
    void generate_pointerSlotOutsidePointerSection_isMalformed() {
        final byte[] request = mutate(r -> field(r, FILE + ":Inner", "s").getSlot().setOffset(1));

        assertRefused(request, Reason.MALFORMED_REQUEST, FILE + ":Inner.s");
    }

    @Test
    void generate_unionTagOutsideDataSection_isMalformed() {
        final byte[] request = mutate(r -> node(r, FILE + ":Shape").getStruct().setDiscriminantOffset(1000));

        assertRefused(request, Reason.MALFORMED_REQUEST, FILE + ":Shape");
    }

    @Test
    void generate_discriminantCountMismatch_isMalformed() {
        final byte[] request = mutate(r -> node(r, FILE + ":Shape").getStruct().setDiscriminantCount((short) 3));

        assertRefused(request, Reason.MALFORMED_REQUEST, FILE + ":Shape");
    }

    @Test
    void generate_duplicateDiscriminantValue_isMalformed() {
        final byte[] request = mutate(r -> field(r, FILE + ":Shape", "square").setDiscriminantValue((short) 0));

        assertRefused(request, Reason.MALFORMED_REQUEST, FILE + ":Shape.square");
    }

    @Test
    void generate_defaultOfWrongKind_isMalformed() {
        final byte[] request = mutate(r -> field(r, FILE + ":Defaults", "int32Field").getSlot().getDefaultValue()
                .setText("not a number"));

        assertRefused(request, Reason.MALFORMED_REQUEST, FILE + ":Defaults.int32Field");
    }

    @Test
    void generate_constantEnumValueOutOfRange_isMalformed() {
        final byte[] request = mutate(r -> node(r, FILE + ":constEnum").getConst().getValue().setEnum((short) 99));

        assertRefused(request, Reason.MALFORMED_REQUEST, FILE + ":constEnum");
    }

    @Test
    void generate_listDefaultWithWrongElementSize_isMalformed() {
        final byte[] request = mutate(r -> field(r, FILE + ":Defaults", "int16List").getSlot().getDefaultValue()
                .initList().initAs(org.capnproto.PrimitiveList.Long.factory, 2));

        assertRefused(request, Reason.MALFORMED_REQUEST, FILE + ":Defaults.int16List");
    }

    // ---------------------------------------------------------------------------------------------------------
    // unsupported features

    @Test
    void generate_genericSchemaFromCapnp_isUnsupported() {
        final SchemaCompileException e = assertThrows(SchemaCompileException.class,
                () -> new JavaGenerator().generate(TestSupport.request("generics.req")));

        assertEquals(Reason.UNSUPPORTED, e.reason());
        assertEquals("generics.capnp:Box", e.element());
        assertTrue(e.detail().contains("generic"), e.detail());
    }

    @Test
    void generate_nodeMarkedGeneric_isUnsupported() {
        assertRefused(mutate(r -> node(r, FILE + ":Inner").setIsGeneric(true)), Reason.UNSUPPORTED,
                FILE + ":Inner");
    }

    @Test
    void generate_genericParameterType_isUnsupported() {
        final byte[] request = mutate(r -> field(r, FILE + ":AllTypes", "anyField").getSlot().getType()
                .getAnyPointer().initParameter().setParameterIndex((short) 0));

        assertRefused(request, Reason.UNSUPPORTED, FILE + ":AllTypes.anyField");
    }

    @Test
    void generate_brandedStructType_isUnsupported() {
        final byte[] request = mutate(r -> field(r, FILE + ":AllTypes", "structField").getSlot().getType()
                .getStruct().initBrand().initScopes(1));

        assertRefused(request, Reason.UNSUPPORTED, FILE + ":AllTypes.structField");
    }

    @Test
    void generate_genericMethod_isUnsupported() {
        final byte[] request = mutate(r -> node(r, FILE + ":Calc").getInterface().getMethods().get(1)
                .initImplicitParameters(1).get(0).setName("T"));

        assertRefused(request, Reason.UNSUPPORTED, FILE + ":Calc.ping");
    }

    @Test
    void generate_listOfAnyPointer_isUnsupported() {
        final byte[] request = mutate(r -> field(r, FILE + ":AllTypes", "int32List").getSlot().getType().getList()
                .getElementType().initAnyPointer().initUnconstrained().setAnyKind(org.capnproto.Void.VOID));

        assertRefused(request, Reason.UNSUPPORTED, FILE + ":AllTypes.int32List");
    }

    @Test
    void generate_listOfInterface_isUnsupported() {
        final long calc = id(FILE + ":Calc");
        final byte[] request = mutate(r -> field(r, FILE + ":AllTypes", "int32List").getSlot().getType().getList()
                .getElementType().initInterface().setTypeId(calc));

        assertRefused(request, Reason.UNSUPPORTED, FILE + ":AllTypes.int32List");
    }

    @Test
    void generate_listOfCapability_isUnsupported() {
        final byte[] request = mutate(r -> field(r, FILE + ":AllTypes", "int32List").getSlot().getType().getList()
                .getElementType().initAnyPointer().initUnconstrained().setCapability(org.capnproto.Void.VOID));

        assertRefused(request, Reason.UNSUPPORTED, FILE + ":AllTypes.int32List");
    }

    @Test
    void generate_anyPointerFieldWithDefault_isUnsupported() {
        final byte[] request = mutate(r -> field(r, FILE + ":AllTypes", "anyField").getSlot().getDefaultValue()
                .initAnyPointer().setAs(Text.factory, new Text.Reader("x")));

        assertRefused(request, Reason.UNSUPPORTED, FILE + ":AllTypes.anyField");
    }

    @Test
    void generate_interfaceConstant_isUnsupported() {
        final long calc = id(FILE + ":Calc");
        final byte[] request = mutate(r -> {
            final Schema.Node.Const.Builder constant = node(r, FILE + ":constInt32").getConst();
            constant.getType().initInterface().setTypeId(calc);
            constant.getValue().setInterface(org.capnproto.Void.VOID);
        });

        assertRefused(request, Reason.UNSUPPORTED, FILE + ":constInt32");
    }

    @Test
    void generate_fileWithoutJavaAnnotations_isRefusedNamingTheFile() {
        final SchemaCompileException e = assertThrows(SchemaCompileException.class,
                () -> new JavaGenerator().generate(TestSupport.request("rpc.req")));

        assertEquals(Reason.MISSING_ANNOTATION, e.reason());
        assertEquals("usr/include/capnp/rpc.capnp", e.element());
    }

    // ---------------------------------------------------------------------------------------------------------
    // names

    @ParameterizedTest
    @ValueSource(strings = {"Builder", "Reader", "Factory", "Which"})
    void generate_nestedTypeNamedLikeAGeneratedClass_isNameClash(final String name) {
        final byte[] request = mutate(r -> nested(node(r, FILE + ":Outer.Middle"), "Leaf").setName(name));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Outer.Middle.Leaf");
    }

    @Test
    void generate_enumNamedReaderInsideStruct_isNameClash() {
        final byte[] request = mutate(r -> nested(node(r, FILE + ":Outer.Middle"), "Kind").setName("Reader"));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Outer.Middle.Kind");
    }

    @Test
    void generate_groupNamedBuilder_isNameClash() {
        final byte[] request = mutate(r -> field(r, FILE + ":Shape", "style").setName("builder"));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Shape.builder");
    }

    @Test
    void generate_typeNamedLikeOuterClass_isNameClash() {
        final byte[] request = mutate(r -> nested(node(r, FILE), "Inner").setName("Features"));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Inner");
    }

    @Test
    void generate_typeNamedLikeEnclosingType_isNameClash() {
        final byte[] request = mutate(r -> nested(node(r, FILE + ":Outer.Middle"), "Leaf").setName("Outer"));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Outer.Middle.Leaf");
    }

    @Test
    void generate_topLevelTypeNamedSchemas_isNameClash() {
        final byte[] request = mutate(r -> nested(node(r, FILE), "Inner").setName("Schemas"));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Inner");
    }

    @Test
    void generate_typeNamedLikeAPackageRoot_isNameClash() {
        final byte[] request = mutate(r -> nested(node(r, FILE), "Inner").setName("org"));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Inner");
    }

    @Test
    void generate_twoFieldsWithTheSameName_isNameClash() {
        final byte[] request = mutate(r -> field(r, FILE + ":Inner", "s").setName("x"));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Inner.x");
    }

    @Test
    void generate_constantNamedStructSize_isNameClash() {
        final byte[] request = mutate(r -> nested(node(r, FILE + ":Outer.Middle"), "limit").setName("structSize"));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Outer.Middle.limit");
    }

    @Test
    void generate_nestedTypeNamedLikeMethodParamStruct_isNameClash() {
        final byte[] request = mutate(r -> nested(node(r, FILE + ":Calc"), "Nested").setName("AddParams"));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Calc.Nested");
    }

    @ParameterizedTest
    @ValueSource(strings = {"class", "a-b", "", "1abc"})
    void generate_typeNameNotAJavaIdentifier_isInvalidName(final String name) {
        final byte[] request = mutate(r -> nested(node(r, FILE), "Inner").setName(name));

        assertRefused(request, Reason.INVALID_NAME, FILE + ":Inner");
    }

    @Test
    void generate_fieldNameNotAnIdentifier_isInvalidName() {
        final byte[] request = mutate(r -> field(r, FILE + ":Inner", "s").setName("s t"));

        assertRefused(request, Reason.INVALID_NAME, FILE + ":Inner.s t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.class.x", "org..x", "", "data.model", "org.x-y"})
    void generate_invalidJavaPackage_isInvalidName(final String javaPackage) {
        final byte[] request = mutate(r -> {
            for (final Schema.Annotation.Builder annotation : node(r, FILE).getAnnotations()) {
                if (annotation.getId() == RequestIndex.PACKAGE_ANNOTATION) {
                    annotation.getValue().setText(javaPackage);
                }
            }
        });

        assertRefused(request, Reason.INVALID_NAME, FILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Not Valid", "class", "value", "org"})
    void generate_invalidOuterClassName_isInvalidName(final String outerClass) {
        final byte[] request = mutate(r -> {
            for (final Schema.Annotation.Builder annotation : node(r, FILE).getAnnotations()) {
                if (annotation.getId() == RequestIndex.OUTER_CLASSNAME_ANNOTATION) {
                    annotation.getValue().setText(outerClass);
                }
            }
        });

        assertRefused(request, Reason.INVALID_NAME, FILE);
    }

    @Test
    void generate_annotationWithNonTextValue_isMalformed() {
        final byte[] request = mutate(r -> {
            for (final Schema.Annotation.Builder annotation : node(r, FILE).getAnnotations()) {
                if (annotation.getId() == RequestIndex.PACKAGE_ANNOTATION) {
                    annotation.getValue().setInt32(5);
                }
            }
        });

        assertRefused(request, Reason.MALFORMED_REQUEST, FILE);
    }

    @Test
    void generate_twoFilesWithSameOutputPath_isNameClash() {
        final byte[] request = mutate(r -> {
            for (final Schema.Annotation.Builder annotation : node(r, "imported.capnp").getAnnotations()) {
                if (annotation.getId() == RequestIndex.PACKAGE_ANNOTATION) {
                    annotation.getValue().setText("org.capring.schema.compiler.testschema");
                } else if (annotation.getId() == RequestIndex.OUTER_CLASSNAME_ANNOTATION) {
                    annotation.getValue().setText("Features");
                }
            }
        });

        assertRefused(request, Reason.NAME_CLASH, "imported.capnp");
    }

    @Test
    void generate_validRequestAfterRefusals_stillGeneratesBothFiles() {
        assertEquals(List.of("Features.java", "Imported.java"), new JavaGenerator().generate(FEATURES).stream()
                .map(f -> f.relativePath().substring(f.relativePath().lastIndexOf('/') + 1)).toList());
    }

    // ---------------------------------------------------------------------------------------------------------
    // ring stubs: capring annotations

    private static Schema.Annotation.Builder annotate(final StructList.Builder<Schema.Annotation.Builder> list,
                                                      final long id) {
        final Schema.Annotation.Builder annotation = list.get(0);
        annotation.setId(id);
        annotation.getValue().setVoid(org.capnproto.Void.VOID);
        return annotation;
    }

    private static Schema.Annotation.Builder methodAnnotation(final Schema.CodeGeneratorRequest.Builder r,
                                                              final String method) {
        for (final Schema.Method.Builder m : node(r, FILE + ":Calc").getInterface().getMethods()) {
            if (m.getName().toString().equals(method)) {
                return m.getAnnotations().get(0);
            }
        }
        throw new AssertionError("no method " + method);
    }

    @Test
    void generate_errorsOnTopLevelEnum_isInvalidAnnotationNamingTheEnum() {
        final byte[] request = mutate(r -> annotate(node(r, FILE + ":Color").initAnnotations(1),
                CapringAnnotations.ERRORS));

        final SchemaCompileException e = assertRefused(request, Reason.INVALID_ANNOTATION, FILE + ":Color");
        assertTrue(e.detail().contains("declared in a file"), e.detail());
    }

    @Test
    void generate_errorsOnEnumNestedInStruct_isInvalidAnnotation() {
        final byte[] request = mutate(r -> annotate(node(r, FILE + ":Outer.Middle.Kind").initAnnotations(1),
                CapringAnnotations.ERRORS));

        final SchemaCompileException e = assertRefused(request, Reason.INVALID_ANNOTATION,
                FILE + ":Outer.Middle.Kind");
        assertTrue(e.detail().contains("a struct " + FILE + ":Outer.Middle"), e.detail());
    }

    @Test
    void generate_errorsOnStruct_isInvalidAnnotation() {
        final byte[] request = mutate(r -> annotate(node(r, FILE + ":Calc.Nested").initAnnotations(1),
                CapringAnnotations.ERRORS));

        final SchemaCompileException e = assertRefused(request, Reason.INVALID_ANNOTATION, FILE + ":Calc.Nested");
        assertTrue(e.detail().contains("not to a struct"), e.detail());
    }

    @Test
    void generate_errorsOnMethod_isInvalidAnnotation() {
        final byte[] request = mutate(r -> methodAnnotation(r, "add").setId(CapringAnnotations.ERRORS));

        assertRefused(request, Reason.INVALID_ANNOTATION, FILE + ":Calc.add");
    }

    @Test
    void generate_idempotentWithAValue_isInvalidAnnotation() {
        final byte[] request = mutate(r -> methodAnnotation(r, "evaluate").getValue().setInt32(1));

        final SchemaCompileException e = assertRefused(request, Reason.INVALID_ANNOTATION, FILE + ":Calc.evaluate");
        assertTrue(e.detail().contains("takes no value"), e.detail());
    }

    @Test
    void generate_idempotentOnField_isInvalidAnnotation() {
        final byte[] request = mutate(r -> annotate(field(r, FILE + ":Inner", "x").initAnnotations(1),
                CapringAnnotations.IDEMPOTENT));

        assertRefused(request, Reason.INVALID_ANNOTATION, FILE + ":Inner.x");
    }

    @Test
    void generate_idempotentOnMethodParameter_isInvalidAnnotation() {
        final byte[] request = mutate(r -> annotate(field(r, FILE + ":Calc.add$Params", "b").initAnnotations(1),
                CapringAnnotations.IDEMPOTENT));

        assertRefused(request, Reason.INVALID_ANNOTATION, FILE + ":Calc.add$Params.b");
    }

    @Test
    void generate_idempotentOnEnumerant_isInvalidAnnotation() {
        final byte[] request = mutate(r -> annotate(node(r, FILE + ":Color").getEnum().getEnumerants().get(1)
                .initAnnotations(1), CapringAnnotations.IDEMPOTENT));

        assertRefused(request, Reason.INVALID_ANNOTATION, FILE + ":Color.green");
    }

    @Test
    void generate_idempotentOnInterface_isInvalidAnnotation() {
        final byte[] request = mutate(r -> annotate(node(r, FILE + ":ScientificCalc").initAnnotations(1),
                CapringAnnotations.IDEMPOTENT));

        final SchemaCompileException e = assertRefused(request, Reason.INVALID_ANNOTATION, FILE + ":ScientificCalc");
        assertTrue(e.detail().contains("applies to methods, not to an interface"), e.detail());
    }

    @Test
    void generate_capringAnnotationOnFile_isInvalidAnnotation() {
        final byte[] request = mutate(r -> {
            for (final Schema.Annotation.Builder annotation : node(r, FILE).getAnnotations()) {
                if (annotation.getId() == RequestIndex.OUTER_CLASSNAME_ANNOTATION) {
                    annotation.setId(CapringAnnotations.IDEMPOTENT);
                }
            }
        });

        assertRefused(request, Reason.INVALID_ANNOTATION, FILE);
    }

    @Test
    void generate_twoErrorsEnumsInOneInterface_isInvalidAnnotation() {
        final byte[] request = mutate(r -> {
            final Schema.Node.Builder nested = node(r, FILE + ":Calc.Nested");
            nested.initEnum().initEnumerants(1).get(0).setName("other");
            annotate(nested.initAnnotations(1), CapringAnnotations.ERRORS);
        });

        final SchemaCompileException e = assertRefused(request, Reason.INVALID_ANNOTATION, FILE + ":Calc.Error");
        assertTrue(e.detail().contains(FILE + ":Calc.Nested"), e.detail());
    }

    @Test
    void generate_misplacedAnnotationWithoutRingStubs_isIgnored() {
        final byte[] request = mutate(r -> annotate(node(r, FILE + ":Color").initAnnotations(1),
                CapringAnnotations.ERRORS));

        assertEquals(2, new JavaGenerator().generate(request).size());
    }

    // ---------------------------------------------------------------------------------------------------------
    // ring stubs: unsupported interfaces

    @Test
    void generate_interfaceThatExtendsAnother_isUnsupportedWithStubsOnly() {
        final long calc = id(FILE + ":Calc");
        final byte[] request = mutate(r -> node(r, FILE + ":ScientificCalc").getInterface().initSuperclasses(1)
                .get(0).setId(calc));

        final SchemaCompileException e = assertRefused(request, Reason.UNSUPPORTED, FILE + ":ScientificCalc");
        assertTrue(e.detail().contains("extends " + FILE + ":Calc"), e.detail());
        assertEquals(2, new JavaGenerator().generate(request).size(), "without stubs, extends is fine");
    }

    @Test
    void generate_interfaceFieldInParams_isUnsupportedNamingMethodAndField() {
        final long calc = id(FILE + ":Calc");
        final byte[] request = mutate(r -> {
            final Schema.Field.Slot.Builder slot = field(r, FILE + ":Calc.describe$Params", "shape").getSlot();
            slot.getType().initInterface().setTypeId(calc);
            slot.getDefaultValue().setInterface(org.capnproto.Void.VOID);
        });

        final SchemaCompileException e = assertRefused(request, Reason.UNSUPPORTED, FILE + ":Calc.describe");
        assertTrue(e.detail().contains(FILE + ":Calc.describe$Params.shape"), e.detail());
    }

    @Test
    void generate_capabilityFieldReachableFromResults_isUnsupported() {
        final byte[] request = mutate(r -> {
            final Schema.Field.Slot.Builder slot = field(r, FILE + ":Inner", "s").getSlot();
            slot.getType().initAnyPointer().initUnconstrained().setCapability(org.capnproto.Void.VOID);
            slot.getDefaultValue().initAnyPointer();
        });

        final SchemaCompileException e = assertRefused(request, Reason.UNSUPPORTED, FILE + ":Calc.evaluate");
        assertTrue(e.detail().contains(FILE + ":Inner.s"), e.detail());
    }

    // ---------------------------------------------------------------------------------------------------------
    // ring stubs: names

    @ParameterizedTest
    @ValueSource(strings = {"Client", "Server"})
    void generate_nestedTypeNamedLikeStubClass_isNameClash(final String name) {
        final byte[] request = mutate(r -> nested(node(r, FILE + ":Calc"), "Nested").setName(name));

        final SchemaCompileException e = assertRefused(request, Reason.NAME_CLASH, FILE + ":Calc");
        assertTrue(e.detail().contains(FILE + ":Calc.Nested"), e.detail());
    }

    @Test
    void generate_nestedTypeNamedLikeErrorClass_isNameClashNamingTheError() {
        final byte[] request = mutate(r -> nested(node(r, FILE + ":Calc"), "Nested").setName("OverflowException"));

        assertRefused(request, Reason.NAME_CLASH, FILE + ":Calc.Error.overflow");
    }

    @Test
    void generate_twoMethodsWithTheSameEscapedName_isNameClash() {
        final byte[] request = mutate(r -> {
            node(r, FILE + ":Calc").getInterface().getMethods().get(1).setName("wait");
            node(r, FILE + ":Calc").getInterface().getMethods().get(2).setName("wait_");
        });

        final SchemaCompileException e = assertRefused(request, Reason.NAME_CLASH, FILE + ":Calc.wait_");
        assertTrue(e.detail().contains("wait_()"), e.detail());
    }

    @Test
    void generate_methodsNamedLikeObjectOrClientMembersOrKeywords_areEscaped() {
        final String code = ringGenerator().generate(FEATURES).getFirst().content();

        assertTrue(code.contains("public CloseCall close() {"), "close stays close");
        assertTrue(code.contains("public WaitCall wait_() {"), "Object.wait is final");
        assertTrue(code.contains("public HandleCall handle_() {"), "Client.handle() is the stub's own");
        assertTrue(code.contains("public NewCall new_() {"), "new is a keyword");
        assertTrue(code.contains("void new_(Features.ScientificCalc.NewParams.Reader params,"), "same name in Server");
    }
}
