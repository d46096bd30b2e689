package org.capring.schema.compiler.bootstrap;

import java.util.ArrayList;
import java.util.List;

import org.capnproto.AnyPointer;
import org.capnproto.SegmentBuilder;
import org.capnproto.SegmentReader;
import org.capnproto.StructBuilder;
import org.capnproto.StructFactory;
import org.capnproto.StructList;
import org.capnproto.StructReader;
import org.capnproto.StructSize;
import org.capnproto.Text;

/**
 * Read-only views of the {@code schema.capnp} structs, one nested class per struct. Offsets are in the units the
 * runtime's accessors take (the field's own width; bits for Bool); each accessor's comment names the schema
 * member it reads. Unsigned values are widened ({@code UInt16} to {@code int}, {@code UInt32} to {@code long}).
 * Null struct pointers read as {@code null}, null lists as empty lists, null Text as the empty string.
 *
 * <p>Views are immutable and may be shared between threads; they read the message they were created on.
 */
public final class BootstrapSchema {

    private BootstrapSchema() {
    }

    /** Root factory: {@code message.getRoot(BootstrapSchema.REQUEST)}. */
    public static final ViewFactory<CodeGeneratorRequest> REQUEST = new ViewFactory<>(CodeGeneratorRequest::new);

    static final ViewFactory<Node> NODE = new ViewFactory<>(Node::new);
    static final ViewFactory<Parameter> PARAMETER = new ViewFactory<>(Parameter::new);
    static final ViewFactory<NestedNode> NESTED_NODE = new ViewFactory<>(NestedNode::new);
    static final ViewFactory<SourceInfo> SOURCE_INFO = new ViewFactory<>(SourceInfo::new);
    static final ViewFactory<Member> MEMBER = new ViewFactory<>(Member::new);
    static final ViewFactory<Field> FIELD = new ViewFactory<>(Field::new);
    static final ViewFactory<Enumerant> ENUMERANT = new ViewFactory<>(Enumerant::new);
    static final ViewFactory<Superclass> SUPERCLASS = new ViewFactory<>(Superclass::new);
    static final ViewFactory<Method> METHOD = new ViewFactory<>(Method::new);
    static final ViewFactory<Type> TYPE = new ViewFactory<>(Type::new);
    static final ViewFactory<Brand> BRAND = new ViewFactory<>(Brand::new);
    static final ViewFactory<Scope> SCOPE = new ViewFactory<>(Scope::new);
    static final ViewFactory<Binding> BINDING = new ViewFactory<>(Binding::new);
    static final ViewFactory<Value> VALUE = new ViewFactory<>(Value::new);
    static final ViewFactory<Annotation> ANNOTATION = new ViewFactory<>(Annotation::new);
    static final ViewFactory<CapnpVersion> CAPNP_VERSION = new ViewFactory<>(CapnpVersion::new);
    static final ViewFactory<RequestedFile> REQUESTED_FILE = new ViewFactory<>(RequestedFile::new);
    static final ViewFactory<Import> IMPORT = new ViewFactory<>(Import::new);

    /** Constructor shape shared by every view. */
    @FunctionalInterface
    interface View<R> {
        R make(SegmentReader segment, int data, int pointers, int dataSize, short pointerCount, int nestingLimit);
    }

    /** A builder type that is never instantiated: these views only read. */
    public static final class NoBuilder extends StructBuilder {
        private NoBuilder(final SegmentBuilder segment, final int data, final int pointers, final int dataSize,
                          final short pointerCount) {
            super(segment, data, pointers, dataSize, pointerCount);
        }
    }

    /**
     * Reader-only struct factory for one view type.
     *
     * @param <R> the view
     */
    public static final class ViewFactory<R extends Struct> extends StructFactory<NoBuilder, R> {
        private final View<R> view;
        private final StructList.Factory<NoBuilder, R> listFactory;

        ViewFactory(final View<R> view) {
            this.view = view;
            this.listFactory = StructList.newFactory(this);
        }

        @Override
        public R constructReader(final SegmentReader segment, final int data, final int pointers, final int dataSize,
                                 final short pointerCount, final int nestingLimit) {
            return view.make(segment, data, pointers, dataSize, pointerCount, nestingLimit);
        }

        /** @throws UnsupportedOperationException always: these views only read */
        @Override
        public NoBuilder constructBuilder(final SegmentBuilder segment, final int data, final int pointers,
                                          final int dataSize, final short pointerCount) {
            throw new UnsupportedOperationException("bootstrap schema views are read-only");
        }

        /** @return an empty size: only builders use it, and there are none */
        @Override
        public StructSize structSize() {
            return new StructSize((short) 0, (short) 0);
        }

        /** @throws UnsupportedOperationException always: these views only read */
        @Override
        public R asReader(final NoBuilder builder) {
            throw new UnsupportedOperationException("bootstrap schema views are read-only");
        }
    }

    /** Common accessors of every view. */
    public abstract static class Struct extends StructReader {
        Struct(final SegmentReader segment, final int data, final int pointers, final int dataSize,
               final short pointerCount, final int nestingLimit) {
            super(segment, data, pointers, dataSize, pointerCount, nestingLimit);
        }

        final long u64(final int offset) {
            return _getLongField(offset);
        }

        final long u32(final int offset) {
            return Integer.toUnsignedLong(_getIntField(offset));
        }

        final int u16(final int offset) {
            return Short.toUnsignedInt(_getShortField(offset));
        }

        final int u16(final int offset, final short mask) {
            return Short.toUnsignedInt(_getShortField(offset, mask));
        }

        final int u8(final int offset) {
            return Byte.toUnsignedInt(_getByteField(offset));
        }

        final byte i8(final int offset) {
            return _getByteField(offset);
        }

        final short i16(final int offset) {
            return _getShortField(offset);
        }

        final int i32(final int offset) {
            return _getIntField(offset);
        }

        final boolean bit(final int bitOffset) {
            return _getBooleanField(bitOffset);
        }

        final String text(final int pointer) {
            return _pointerFieldIsNull(pointer) ? "" : _getPointerField(Text.factory, pointer).toString();
        }

        final <R extends Struct> R struct(final ViewFactory<R> factory, final int pointer) {
            return _pointerFieldIsNull(pointer) ? null : _getPointerField(factory, pointer);
        }

        final <R extends Struct> List<R> list(final ViewFactory<R> factory, final int pointer) {
            if (_pointerFieldIsNull(pointer)) {
                return List.of();
            }
            final StructList.Reader<R> list = _getPointerField(factory.listFactory, pointer);
            final List<R> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(list.get(i));
            }
            return out;
        }

        final AnyPointer.Reader any(final int pointer) {
            return _getPointerField(AnyPointer.factory, pointer);
        }
    }

    /** {@code CodeGeneratorRequest} (0 data words, 4 pointers). */
    public static final class CodeGeneratorRequest extends Struct {
        CodeGeneratorRequest(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code nodes @0} (pointer 0) */
        public List<Node> nodes() {
            return list(NODE, 0);
        }

        /** @return {@code requestedFiles @1} (pointer 1) */
        public List<RequestedFile> requestedFiles() {
            return list(REQUESTED_FILE, 1);
        }

        /** @return {@code capnpVersion @2} (pointer 2), or {@code null} */
        public CapnpVersion capnpVersion() {
            return struct(CAPNP_VERSION, 2);
        }

        /** @return {@code sourceInfo @3} (pointer 3) */
        public List<SourceInfo> sourceInfo() {
            return list(SOURCE_INFO, 3);
        }
    }

    /** {@code CapnpVersion} (1 data word). */
    public static final class CapnpVersion extends Struct {
        CapnpVersion(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code major @0 :UInt16} (short @0) */
        public int major() {
            return u16(0);
        }

        /** @return {@code minor @1 :UInt8} (byte @2) */
        public int minor() {
            return u8(2);
        }

        /** @return {@code micro @2 :UInt8} (byte @3) */
        public int micro() {
            return u8(3);
        }
    }

    /** {@code CodeGeneratorRequest.RequestedFile} (1 data word, 2 pointers). */
    public static final class RequestedFile extends Struct {
        RequestedFile(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code id @0} (long @0) */
        public long id() {
            return u64(0);
        }

        /** @return {@code filename @1} (pointer 0) */
        public String filename() {
            return text(0);
        }

        /** @return {@code imports @2} (pointer 1) */
        public List<Import> imports() {
            return list(IMPORT, 1);
        }
    }

    /** {@code CodeGeneratorRequest.RequestedFile.Import} (1 data word, 1 pointer). */
    public static final class Import extends Struct {
        Import(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code id @0} (long @0) */
        public long id() {
            return u64(0);
        }

        /** @return {@code name @1} (pointer 0) */
        public String name() {
            return text(0);
        }
    }

    /** {@code Node} (5 data words, 6 pointers); the union tag is short @6. */
    public static final class Node extends Struct {
        /** Union tag of {@code file}. */
        public static final int KIND_FILE = 0;
        /** Union tag of {@code struct}. */
        public static final int KIND_STRUCT = 1;
        /** Union tag of {@code enum}. */
        public static final int KIND_ENUM = 2;
        /** Union tag of {@code interface}. */
        public static final int KIND_INTERFACE = 3;
        /** Union tag of {@code const}. */
        public static final int KIND_CONST = 4;
        /** Union tag of {@code annotation}. */
        public static final int KIND_ANNOTATION = 5;

        Node(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code id @0} (long @0) */
        public long id() {
            return u64(0);
        }

        /** @return {@code displayName @1} (pointer 0) */
        public String displayName() {
            return text(0);
        }

        /** @return {@code displayNamePrefixLength @2 :UInt32} (int @2) */
        public long displayNamePrefixLength() {
            return u32(2);
        }

        /** @return {@code scopeId @3} (long @2) */
        public long scopeId() {
            return u64(2);
        }

        /** @return {@code parameters @32} (pointer 5) */
        public List<Parameter> parameters() {
            return list(PARAMETER, 5);
        }

        /** @return {@code isGeneric @33} (bit 288) */
        public boolean isGeneric() {
            return bit(288);
        }

        /** @return {@code nestedNodes @4} (pointer 1) */
        public List<NestedNode> nestedNodes() {
            return list(NESTED_NODE, 1);
        }

        /** @return {@code annotations @5} (pointer 2) */
        public List<Annotation> annotations() {
            return list(ANNOTATION, 2);
        }

        /** @return the union tag (short @6) */
        public int which() {
            return u16(6);
        }

        /** @return {@code struct.dataWordCount @7} (short @7) */
        public int structDataWordCount() {
            return u16(7);
        }

        /** @return {@code struct.pointerCount @8} (short @12) */
        public int structPointerCount() {
            return u16(12);
        }

        /** @return {@code struct.preferredListEncoding @9} (short @13) */
        public int structPreferredListEncoding() {
            return u16(13);
        }

        /** @return {@code struct.isGroup @10} (bit 224) */
        public boolean structIsGroup() {
            return bit(224);
        }

        /** @return {@code struct.discriminantCount @11} (short @15) */
        public int structDiscriminantCount() {
            return u16(15);
        }

        /** @return {@code struct.discriminantOffset @12 :UInt32} (int @8) */
        public long structDiscriminantOffset() {
            return u32(8);
        }

        /** @return {@code struct.fields @13} (pointer 3) */
        public List<Field> structFields() {
            return list(FIELD, 3);
        }

        /** @return {@code enum.enumerants @14} (pointer 3) */
        public List<Enumerant> enumEnumerants() {
            return list(ENUMERANT, 3);
        }

        /** @return {@code interface.methods @15} (pointer 3) */
        public List<Method> interfaceMethods() {
            return list(METHOD, 3);
        }

        /** @return {@code interface.superclasses @31} (pointer 4) */
        public List<Superclass> interfaceSuperclasses() {
            return list(SUPERCLASS, 4);
        }

        /** @return {@code const.type @16} (pointer 3) */
        public Type constType() {
            return struct(TYPE, 3);
        }

        /** @return {@code const.value @17} (pointer 4) */
        public Value constValue() {
            return struct(VALUE, 4);
        }

        /** @return {@code annotation.type @18} (pointer 3) */
        public Type annotationType() {
            return struct(TYPE, 3);
        }

        /**
         * @return the twelve {@code annotation.targets*} bits (bits 112..123) as a bit set, bit 0 =
         *         {@code targetsFile}
         */
        public int annotationTargets() {
            int targets = 0;
            for (int i = 0; i < 12; i++) {
                if (bit(112 + i)) {
                    targets |= 1 << i;
                }
            }
            return targets;
        }
    }

    /** {@code Node.Parameter} (0 data words, 1 pointer). */
    public static final class Parameter extends Struct {
        Parameter(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code name @0} (pointer 0) */
        public String name() {
            return text(0);
        }
    }

    /** {@code Node.NestedNode} (1 data word, 1 pointer). */
    public static final class NestedNode extends Struct {
        NestedNode(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code name @0} (pointer 0) */
        public String name() {
            return text(0);
        }

        /** @return {@code id @1} (long @0) */
        public long id() {
            return u64(0);
        }
    }

    /** {@code Node.SourceInfo} (1 data word, 2 pointers). */
    public static final class SourceInfo extends Struct {
        SourceInfo(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code id @0} (long @0) */
        public long id() {
            return u64(0);
        }

        /** @return {@code docComment @1} (pointer 0) */
        public String docComment() {
            return text(0);
        }

        /** @return {@code members @2} (pointer 1) */
        public List<Member> members() {
            return list(MEMBER, 1);
        }
    }

    /** {@code Node.SourceInfo.Member} (0 data words, 1 pointer). */
    public static final class Member extends Struct {
        Member(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code docComment @0} (pointer 0) */
        public String docComment() {
            return text(0);
        }
    }

    /** {@code Field} (3 data words, 4 pointers); the union tag is short @4. */
    public static final class Field extends Struct {
        /** Union tag of {@code slot}. */
        public static final int SLOT = 0;
        /** Union tag of {@code group}. */
        public static final int GROUP = 1;

        Field(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code name @0} (pointer 0) */
        public String name() {
            return text(0);
        }

        /** @return {@code codeOrder @1} (short @0) */
        public int codeOrder() {
            return u16(0);
        }

        /** @return {@code annotations @2} (pointer 1) */
        public List<Annotation> annotations() {
            return list(ANNOTATION, 1);
        }

        /** @return {@code discriminantValue @3 = 65535} (short @1, XOR mask 0xFFFF) */
        public int discriminantValue() {
            return u16(1, (short) -1);
        }

        /** @return the union tag (short @4) */
        public int which() {
            return u16(4);
        }

        /** @return {@code slot.offset @4 :UInt32} (int @1) */
        public long slotOffset() {
            return u32(1);
        }

        /** @return {@code slot.type @5} (pointer 2) */
        public Type slotType() {
            return struct(TYPE, 2);
        }

        /** @return {@code slot.defaultValue @6} (pointer 3) */
        public Value slotDefaultValue() {
            return struct(VALUE, 3);
        }

        /** @return {@code slot.hadExplicitDefault @10} (bit 128) */
        public boolean slotHadExplicitDefault() {
            return bit(128);
        }

        /** @return {@code group.typeId @7} (long @2) */
        public long groupTypeId() {
            return u64(2);
        }

        /** @return the {@code ordinal} union tag (short @5): 0 = implicit, 1 = explicit */
        public int ordinalWhich() {
            return u16(5);
        }

        /** @return {@code ordinal.explicit @9} (short @6) */
        public int ordinalExplicit() {
            return u16(6);
        }
    }

    /** {@code Enumerant} (1 data word, 2 pointers). */
    public static final class Enumerant extends Struct {
        Enumerant(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code name @0} (pointer 0) */
        public String name() {
            return text(0);
        }

        /** @return {@code codeOrder @1} (short @0) */
        public int codeOrder() {
            return u16(0);
        }

        /** @return {@code annotations @2} (pointer 1) */
        public List<Annotation> annotations() {
            return list(ANNOTATION, 1);
        }
    }

    /** {@code Superclass} (1 data word, 1 pointer). */
    public static final class Superclass extends Struct {
        Superclass(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code id @0} (long @0) */
        public long id() {
            return u64(0);
        }

        /** @return {@code brand @1} (pointer 0), or {@code null} */
        public Brand brand() {
            return struct(BRAND, 0);
        }
    }

    /** {@code Method} (3 data words, 5 pointers). */
    public static final class Method extends Struct {
        Method(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code name @0} (pointer 0) */
        public String name() {
            return text(0);
        }

        /** @return {@code codeOrder @1} (short @0) */
        public int codeOrder() {
            return u16(0);
        }

        /** @return {@code implicitParameters @7} (pointer 4) */
        public List<Parameter> implicitParameters() {
            return list(PARAMETER, 4);
        }

        /** @return {@code paramStructType @2} (long @1) */
        public long paramStructType() {
            return u64(1);
        }

        /** @return {@code paramBrand @5} (pointer 2), or {@code null} */
        public Brand paramBrand() {
            return struct(BRAND, 2);
        }

        /** @return {@code resultStructType @3} (long @2) */
        public long resultStructType() {
            return u64(2);
        }

        /** @return {@code resultBrand @6} (pointer 3), or {@code null} */
        public Brand resultBrand() {
            return struct(BRAND, 3);
        }

        /** @return {@code annotations @4} (pointer 1) */
        public List<Annotation> annotations() {
            return list(ANNOTATION, 1);
        }
    }

    /** {@code Type} (3 data words, 1 pointer); the union tag is short @0. */
    public static final class Type extends Struct {
        Type(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return the union tag (short @0): 0..13 simple types, 14 list, 15 enum, 16 struct, 17 interface, 18 anyPointer */
        public int which() {
            return u16(0);
        }

        /** @return {@code list.elementType @14} (pointer 0), or {@code null} */
        public Type listElementType() {
            return struct(TYPE, 0);
        }

        /** @return {@code enum/struct/interface.typeId} (long @1) */
        public long typeId() {
            return u64(1);
        }

        /** @return {@code enum/struct/interface.brand} (pointer 0), or {@code null} */
        public Brand brand() {
            return struct(BRAND, 0);
        }

        /** @return the {@code anyPointer} union tag (short @4): 0 unconstrained, 1 parameter, 2 implicit */
        public int anyPointerWhich() {
            return u16(4);
        }

        /** @return the {@code anyPointer.unconstrained} union tag (short @5) */
        public int anyPointerUnconstrainedWhich() {
            return u16(5);
        }

        /** @return {@code anyPointer.parameter.scopeId @19} (long @2) */
        public long anyPointerParameterScopeId() {
            return u64(2);
        }

        /** @return {@code anyPointer.parameter.parameterIndex} or {@code implicitMethodParameter.parameterIndex} (short @5) */
        public int anyPointerParameterIndex() {
            return u16(5);
        }
    }

    /** {@code Brand} (0 data words, 1 pointer). */
    public static final class Brand extends Struct {
        Brand(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code scopes @0} (pointer 0) */
        public List<Scope> scopes() {
            return list(SCOPE, 0);
        }
    }

    /** {@code Brand.Scope} (2 data words, 1 pointer); the union tag is short @4. */
    public static final class Scope extends Struct {
        Scope(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code scopeId @0} (long @0) */
        public long scopeId() {
            return u64(0);
        }

        /** @return the union tag (short @4): 0 bind, 1 inherit */
        public int which() {
            return u16(4);
        }

        /** @return {@code bind @1} (pointer 0) */
        public List<Binding> bind() {
            return list(BINDING, 0);
        }
    }

    /** {@code Brand.Binding} (1 data word, 1 pointer); the union tag is short @0. */
    public static final class Binding extends Struct {
        Binding(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return the union tag (short @0): 0 unbound, 1 type */
        public int which() {
            return u16(0);
        }

        /** @return {@code type @1} (pointer 0), or {@code null} */
        public Type type() {
            return struct(TYPE, 0);
        }
    }

    /** {@code Value} (2 data words, 1 pointer); the union tag is short @0. */
    public static final class Value extends Struct {
        Value(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return the union tag (short @0), numbered like {@link Type#which()} */
        public int which() {
            return u16(0);
        }

        /** @return {@code bool @1} (bit 16) */
        public boolean boolValue() {
            return bit(16);
        }

        /** @return {@code int8 @2} / {@code uint8 @6} (byte @2) */
        public byte byteValue() {
            return i8(2);
        }

        /** @return {@code int16 @3} / {@code uint16 @7} / {@code enum @15} (short @1) */
        public short shortValue() {
            return i16(1);
        }

        /** @return {@code int32 @4} / {@code uint32 @8} / raw bits of {@code float32 @10} (int @1) */
        public int intValue() {
            return i32(1);
        }

        /** @return {@code int64 @5} / {@code uint64 @9} / raw bits of {@code float64 @11} (long @1) */
        public long longValue() {
            return u64(1);
        }

        /** @return {@code text/data/list/struct/anyPointer} (pointer 0) */
        public AnyPointer.Reader pointer() {
            return any(0);
        }
    }

    /** {@code Annotation} (1 data word, 2 pointers). */
    public static final class Annotation extends Struct {
        Annotation(final SegmentReader s, final int d, final int p, final int ds, final short pc, final int n) {
            super(s, d, p, ds, pc, n);
        }

        /** @return {@code id @0} (long @0) */
        public long id() {
            return u64(0);
        }

        /** @return {@code brand @2} (pointer 1), or {@code null} */
        public Brand brand() {
            return struct(BRAND, 1);
        }

        /** @return {@code value @1} (pointer 0), or {@code null} */
        public Value value() {
            return struct(VALUE, 0);
        }
    }
}
