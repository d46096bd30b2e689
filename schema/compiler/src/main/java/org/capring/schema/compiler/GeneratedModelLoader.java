package org.capring.schema.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.capnproto.Data;
import org.capnproto.MessageReader;
import org.capnproto.StructList;
import org.capnproto.Text;
import org.capring.schema.compiler.model.Annotation;
import org.capring.schema.compiler.model.Brand;
import org.capring.schema.compiler.model.Kind;
import org.capring.schema.compiler.model.Node;
import org.capring.schema.compiler.model.NodeBody;
import org.capring.schema.compiler.model.PointerContent;
import org.capring.schema.compiler.model.Request;
import org.capring.schema.compiler.model.Type;
import org.capring.schema.compiler.model.Value;
import org.capring.schema.compiler.schema.Schema;

/**
 * Copies a request read through the generated {@link Schema} readers into the model. Union tags that the
 * generated readers report as {@code _NOT_IN_SCHEMA} become the unknown variants with tag {@code -1} (the raw
 * value is not visible through generated readers).
 */
final class GeneratedModelLoader {

    /** Tag recorded for a union member that the generated readers do not know. */
    static final int NOT_IN_SCHEMA = -1;

    private GeneratedModelLoader() {
    }

    static Request load(final MessageReader message) {
        final Schema.CodeGeneratorRequest.Reader root = message.getRoot(Schema.CodeGeneratorRequest.factory);
        final List<Node> nodes = new ArrayList<>();
        int index = 0;
        for (final Schema.Node.Reader node : root.getNodes()) {
            nodes.add(RequestReader.guard(() -> node.getDisplayName().toString(), index++, () -> node(node)));
        }
        final List<Request.RequestedFile> files = map(root.getRequestedFiles(), file -> new Request.RequestedFile(
                file.getId(), file.getFilename().toString(), map(file.getImports(),
                i -> new Request.Import(i.getId(), i.getName().toString()))));
        final Schema.CapnpVersion.Reader version = root.getCapnpVersion();
        final Request.CapnpVersion capnpVersion = new Request.CapnpVersion(Short.toUnsignedInt(version.getMajor()),
                Byte.toUnsignedInt(version.getMinor()), Byte.toUnsignedInt(version.getMicro()));
        final List<Request.SourceInfo> sourceInfo = map(root.getSourceInfo(), info -> new Request.SourceInfo(
                info.getId(), info.getDocComment().toString(),
                map(info.getMembers(), m -> m.getDocComment().toString())));
        return new Request(nodes, files, capnpVersion, sourceInfo);
    }

    private static Node node(final Schema.Node.Reader node) {
        final NodeBody body = switch (node.which()) {
            case FILE -> new NodeBody.File();
            case STRUCT -> {
                final Schema.Node.Struct.Reader struct = node.getStruct();
                final Schema.ElementSize encoding = struct.getPreferredListEncoding();
                yield new NodeBody.Struct(Short.toUnsignedInt(struct.getDataWordCount()),
                        Short.toUnsignedInt(struct.getPointerCount()),
                        encoding == Schema.ElementSize._NOT_IN_SCHEMA ? NOT_IN_SCHEMA : encoding.ordinal(),
                        struct.getIsGroup(), Short.toUnsignedInt(struct.getDiscriminantCount()),
                        Integer.toUnsignedLong(struct.getDiscriminantOffset()),
                        map(struct.getFields(), GeneratedModelLoader::field));
            }
            case ENUM -> new NodeBody.Enum(map(node.getEnum().getEnumerants(), e -> new NodeBody.Enumerant(
                    e.getName().toString(), Short.toUnsignedInt(e.getCodeOrder()), annotations(e.getAnnotations()))));
            case INTERFACE -> new NodeBody.Interface(
                    map(node.getInterface().getMethods(), GeneratedModelLoader::method),
                    map(node.getInterface().getSuperclasses(),
                            s -> new NodeBody.Superclass(s.getId(), brand(s.getBrand()))));
            case CONST -> new NodeBody.Const(type(node.getConst().getType()), value(node.getConst().getValue()));
            case ANNOTATION -> new NodeBody.AnnotationDecl(type(node.getAnnotation().getType()),
                    targets(node.getAnnotation()));
            case _NOT_IN_SCHEMA -> new NodeBody.Unknown(NOT_IN_SCHEMA);
        };
        return new Node(node.getId(), node.getDisplayName().toString(), node.getDisplayNamePrefixLength(),
                node.getScopeId(), map(node.getParameters(), p -> p.getName().toString()), node.getIsGeneric(),
                map(node.getNestedNodes(), n -> new Node.NestedNode(n.getName().toString(), n.getId())),
                annotations(node.getAnnotations()), body);
    }

    private static int targets(final Schema.Node.Annotation.Reader annotation) {
        final boolean[] bits = {annotation.getTargetsFile(), annotation.getTargetsConst(),
            annotation.getTargetsEnum(), annotation.getTargetsEnumerant(), annotation.getTargetsStruct(),
            annotation.getTargetsField(), annotation.getTargetsUnion(), annotation.getTargetsGroup(),
            annotation.getTargetsInterface(), annotation.getTargetsMethod(), annotation.getTargetsParam(),
            annotation.getTargetsAnnotation()};
        int targets = 0;
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                targets |= 1 << i;
            }
        }
        return targets;
    }

    private static NodeBody.Field field(final Schema.Field.Reader field) {
        final NodeBody.FieldKind kind = switch (field.which()) {
            case SLOT -> {
                final Schema.Field.Slot.Reader slot = field.getSlot();
                yield new NodeBody.Slot(Integer.toUnsignedLong(slot.getOffset()), type(slot.getType()),
                        value(slot.getDefaultValue()), slot.getHadExplicitDefault());
            }
            case GROUP -> new NodeBody.Group(field.getGroup().getTypeId());
            case _NOT_IN_SCHEMA -> new NodeBody.UnknownFieldKind(NOT_IN_SCHEMA);
        };
        final Schema.Field.Ordinal.Reader ordinal = field.getOrdinal();
        final int ordinalTag = switch (ordinal.which()) {
            case IMPLICIT -> 0;
            case EXPLICIT -> 1;
            case _NOT_IN_SCHEMA -> NOT_IN_SCHEMA;
        };
        return new NodeBody.Field(field.getName().toString(), Short.toUnsignedInt(field.getCodeOrder()),
                annotations(field.getAnnotations()), Short.toUnsignedInt(field.getDiscriminantValue()), kind,
                ordinalTag, ordinalTag == 1 ? Short.toUnsignedInt(ordinal.getExplicit()) : 0);
    }

    private static NodeBody.Method method(final Schema.Method.Reader method) {
        return new NodeBody.Method(method.getName().toString(), Short.toUnsignedInt(method.getCodeOrder()),
                map(method.getImplicitParameters(), p -> p.getName().toString()), method.getParamStructType(),
                brand(method.getParamBrand()), method.getResultStructType(), brand(method.getResultBrand()),
                annotations(method.getAnnotations()));
    }

    private static Type type(final Schema.Type.Reader type) {
        final Schema.Type.Which which = type.which();
        if (which == Schema.Type.Which._NOT_IN_SCHEMA) {
            return new Type.Unknown(NOT_IN_SCHEMA);
        }
        final Kind kind = Kind.fromTag(which.ordinal());
        return switch (kind) {
            case LIST -> new Type.ListOf(type(type.getList().getElementType()));
            case ENUM -> new Type.Named(kind, type.getEnum().getTypeId(), brand(type.getEnum().getBrand()));
            case STRUCT -> new Type.Named(kind, type.getStruct().getTypeId(), brand(type.getStruct().getBrand()));
            case INTERFACE -> new Type.Named(kind, type.getInterface().getTypeId(),
                    brand(type.getInterface().getBrand()));
            case ANY_POINTER -> anyPointer(type.getAnyPointer());
            default -> new Type.Simple(kind);
        };
    }

    private static Type anyPointer(final Schema.Type.AnyPointer.Reader any) {
        return switch (any.which()) {
            case UNCONSTRAINED -> {
                final Schema.Type.AnyPointer.Unconstrained.Which kind = any.getUnconstrained().which();
                yield new Type.AnyPointer(0, kind == Schema.Type.AnyPointer.Unconstrained.Which._NOT_IN_SCHEMA
                        ? NOT_IN_SCHEMA : kind.ordinal(), 0, 0);
            }
            case PARAMETER -> new Type.AnyPointer(1, 0, any.getParameter().getScopeId(),
                    Short.toUnsignedInt(any.getParameter().getParameterIndex()));
            case IMPLICIT_METHOD_PARAMETER -> new Type.AnyPointer(2, 0, 0,
                    Short.toUnsignedInt(any.getImplicitMethodParameter().getParameterIndex()));
            case _NOT_IN_SCHEMA -> new Type.AnyPointer(NOT_IN_SCHEMA, 0, 0, 0);
        };
    }

    private static Brand brand(final Schema.Brand.Reader brand) {
        return new Brand(map(brand.getScopes(), scope -> new Brand.Scope(scope.getScopeId(),
                switch (scope.which()) {
                    case BIND -> 0;
                    case INHERIT -> 1;
                    case _NOT_IN_SCHEMA -> NOT_IN_SCHEMA;
                },
                scope.which() == Schema.Brand.Scope.Which.BIND
                        ? map(scope.getBind(), b -> switch (b.which()) {
                            case UNBOUND -> new Brand.Binding(0, null);
                            case TYPE -> new Brand.Binding(1, type(b.getType()));
                            case _NOT_IN_SCHEMA -> new Brand.Binding(NOT_IN_SCHEMA, null);
                        })
                        : List.of())));
    }

    private static List<Annotation> annotations(final StructList.Reader<Schema.Annotation.Reader> annotations) {
        return map(annotations, a -> new Annotation(a.getId(), brand(a.getBrand()), value(a.getValue())));
    }

    private static Value value(final Schema.Value.Reader value) {
        final Schema.Value.Which which = value.which();
        if (which == Schema.Value.Which._NOT_IN_SCHEMA) {
            return new Value(NOT_IN_SCHEMA, 0, null);
        }
        final int tag = which.ordinal();
        return switch (which) {
            case VOID, INTERFACE -> new Value(tag, 0, null);
            case BOOL -> new Value(tag, value.getBool() ? 1 : 0, null);
            case INT8 -> new Value(tag, value.getInt8(), null);
            case UINT8 -> new Value(tag, Byte.toUnsignedLong(value.getUint8()), null);
            case INT16 -> new Value(tag, value.getInt16(), null);
            case UINT16 -> new Value(tag, Short.toUnsignedLong(value.getUint16()), null);
            case ENUM -> new Value(tag, Short.toUnsignedLong(value.getEnum()), null);
            case INT32 -> new Value(tag, value.getInt32(), null);
            case UINT32 -> new Value(tag, Integer.toUnsignedLong(value.getUint32()), null);
            case FLOAT32 -> new Value(tag, Integer.toUnsignedLong(Float.floatToRawIntBits(value.getFloat32())), null);
            case INT64 -> new Value(tag, value.getInt64(), null);
            case UINT64 -> new Value(tag, value.getUint64(), null);
            case FLOAT64 -> new Value(tag, Double.doubleToRawLongBits(value.getFloat64()), null);
            case TEXT -> new Value(tag, 0, value.hasText()
                    ? PointerContent.copyOf(Text.factory, value.getText()) : PointerContent.nullPointer());
            case DATA -> new Value(tag, 0, value.hasData()
                    ? PointerContent.copyOf(Data.factory, value.getData()) : PointerContent.nullPointer());
            case LIST -> new Value(tag, 0, PointerContent.copyOf(value.getList()));
            case STRUCT -> new Value(tag, 0, PointerContent.copyOf(value.getStruct()));
            case ANY_POINTER -> new Value(tag, 0, PointerContent.copyOf(value.getAnyPointer()));
            case _NOT_IN_SCHEMA -> throw new IllegalStateException("unreachable");
        };
    }

    private static <A, B> List<B> map(final Iterable<A> in, final Function<A, B> f) {
        final List<B> out = new ArrayList<>();
        for (final A a : in) {
            out.add(f.apply(a));
        }
        return out;
    }
}
