package org.capring.schema.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.capring.schema.compiler.bootstrap.BootstrapSchema;
import org.capring.schema.compiler.model.Annotation;
import org.capring.schema.compiler.model.Brand;
import org.capring.schema.compiler.model.Kind;
import org.capring.schema.compiler.model.Node;
import org.capring.schema.compiler.model.NodeBody;
import org.capring.schema.compiler.model.PointerContent;
import org.capring.schema.compiler.model.Request;
import org.capring.schema.compiler.model.Type;
import org.capring.schema.compiler.model.Value;

/** Copies a request read through the hand-written {@link BootstrapSchema} views into the model. */
final class BootstrapModelLoader {

    private BootstrapModelLoader() {
    }

    static Request load(final BootstrapSchema.CodeGeneratorRequest root) {
        final List<Node> nodes = new ArrayList<>();
        int index = 0;
        for (final BootstrapSchema.Node node : root.nodes()) {
            nodes.add(RequestReader.guard(node::displayName, index++, () -> node(node)));
        }
        final List<Request.RequestedFile> files = new ArrayList<>();
        for (final BootstrapSchema.RequestedFile file : root.requestedFiles()) {
            files.add(new Request.RequestedFile(file.id(), file.filename(),
                    map(file.imports(), i -> new Request.Import(i.id(), i.name()))));
        }
        final BootstrapSchema.CapnpVersion version = root.capnpVersion();
        final Request.CapnpVersion capnpVersion = version == null
                ? new Request.CapnpVersion(0, 0, 0)
                : new Request.CapnpVersion(version.major(), version.minor(), version.micro());
        final List<Request.SourceInfo> sourceInfo = map(root.sourceInfo(), info -> new Request.SourceInfo(
                info.id(), info.docComment(), map(info.members(), BootstrapSchema.Member::docComment)));
        return new Request(nodes, files, capnpVersion, sourceInfo);
    }

    private static Node node(final BootstrapSchema.Node node) {
        final NodeBody body = switch (node.which()) {
            case BootstrapSchema.Node.KIND_FILE -> new NodeBody.File();
            case BootstrapSchema.Node.KIND_STRUCT -> new NodeBody.Struct(node.structDataWordCount(),
                    node.structPointerCount(), node.structPreferredListEncoding(), node.structIsGroup(),
                    node.structDiscriminantCount(), node.structDiscriminantOffset(),
                    map(node.structFields(), BootstrapModelLoader::field));
            case BootstrapSchema.Node.KIND_ENUM -> new NodeBody.Enum(map(node.enumEnumerants(),
                    e -> new NodeBody.Enumerant(e.name(), e.codeOrder(), annotations(e.annotations()))));
            case BootstrapSchema.Node.KIND_INTERFACE -> new NodeBody.Interface(
                    map(node.interfaceMethods(), BootstrapModelLoader::method),
                    map(node.interfaceSuperclasses(), s -> new NodeBody.Superclass(s.id(), brand(s.brand()))));
            case BootstrapSchema.Node.KIND_CONST -> new NodeBody.Const(type(node.constType()), value(node.constValue()));
            case BootstrapSchema.Node.KIND_ANNOTATION -> new NodeBody.AnnotationDecl(type(node.annotationType()),
                    node.annotationTargets());
            default -> new NodeBody.Unknown(node.which());
        };
        return new Node(node.id(), node.displayName(), (int) node.displayNamePrefixLength(), node.scopeId(),
                map(node.parameters(), BootstrapSchema.Parameter::name), node.isGeneric(),
                map(node.nestedNodes(), n -> new Node.NestedNode(n.name(), n.id())),
                annotations(node.annotations()), body);
    }

    private static NodeBody.Field field(final BootstrapSchema.Field field) {
        final NodeBody.FieldKind kind = switch (field.which()) {
            case BootstrapSchema.Field.SLOT -> new NodeBody.Slot(field.slotOffset(), type(field.slotType()),
                    value(field.slotDefaultValue()),
                    field.slotHadExplicitDefault());
            case BootstrapSchema.Field.GROUP -> new NodeBody.Group(field.groupTypeId());
            default -> new NodeBody.UnknownFieldKind(field.which());
        };
        return new NodeBody.Field(field.name(), field.codeOrder(), annotations(field.annotations()),
                field.discriminantValue(), kind, field.ordinalWhich(),
                field.ordinalWhich() == 1 ? field.ordinalExplicit() : 0);
    }

    private static NodeBody.Method method(final BootstrapSchema.Method method) {
        return new NodeBody.Method(method.name(), method.codeOrder(),
                map(method.implicitParameters(), BootstrapSchema.Parameter::name), method.paramStructType(),
                brand(method.paramBrand()), method.resultStructType(), brand(method.resultBrand()),
                annotations(method.annotations()));
    }

    private static Type type(final BootstrapSchema.Type type) {
        if (type == null) { // a null struct pointer reads as the default struct: Void
            return new Type.Simple(Kind.VOID);
        }
        final Kind kind = Kind.fromTag(type.which());
        if (kind == null) {
            return new Type.Unknown(type.which());
        }
        return switch (kind) {
            case LIST -> new Type.ListOf(type(type.listElementType()));
            case ENUM, STRUCT, INTERFACE -> new Type.Named(kind, type.typeId(), brand(type.brand()));
            case ANY_POINTER -> switch (type.anyPointerWhich()) {
                case 0 -> new Type.AnyPointer(0, type.anyPointerUnconstrainedWhich(), 0, 0);
                case 1 -> new Type.AnyPointer(1, 0, type.anyPointerParameterScopeId(),
                        type.anyPointerParameterIndex());
                case 2 -> new Type.AnyPointer(2, 0, 0, type.anyPointerParameterIndex());
                default -> new Type.AnyPointer(type.anyPointerWhich(), 0, 0, 0);
            };
            default -> new Type.Simple(kind);
        };
    }

    private static Brand brand(final BootstrapSchema.Brand brand) {
        if (brand == null) {
            return Brand.NONE;
        }
        return new Brand(map(brand.scopes(), scope -> new Brand.Scope(scope.scopeId(), scope.which(),
                scope.which() == 0 ? map(scope.bind(), b -> new Brand.Binding(b.which(),
                        b.which() == 1 ? type(b.type()) : null)) : List.of())));
    }

    private static List<Annotation> annotations(final List<BootstrapSchema.Annotation> annotations) {
        return map(annotations, a -> new Annotation(a.id(), brand(a.brand()),
                value(a.value())));
    }

    private static Value value(final BootstrapSchema.Value value) {
        if (value == null) {
            return new Value(Kind.VOID.ordinal(), 0, null);
        }
        final int tag = value.which();
        final Kind kind = Kind.fromTag(tag);
        if (kind == null) {
            return new Value(tag, 0, null);
        }
        return switch (kind) {
            case VOID, INTERFACE -> new Value(tag, 0, null);
            case BOOL -> new Value(tag, value.boolValue() ? 1 : 0, null);
            case INT8 -> new Value(tag, value.byteValue(), null);
            case UINT8 -> new Value(tag, Byte.toUnsignedLong(value.byteValue()), null);
            case INT16 -> new Value(tag, value.shortValue(), null);
            case UINT16, ENUM -> new Value(tag, Short.toUnsignedLong(value.shortValue()), null);
            case INT32 -> new Value(tag, value.intValue(), null);
            case UINT32, FLOAT32 -> new Value(tag, Integer.toUnsignedLong(value.intValue()), null);
            case INT64, UINT64, FLOAT64 -> new Value(tag, value.longValue(), null);
            case TEXT, DATA, LIST, STRUCT, ANY_POINTER -> new Value(tag, 0, PointerContent.copyOf(value.pointer()));
        };
    }

    private static <A, B> List<B> map(final List<A> in, final Function<A, B> f) {
        final List<B> out = new ArrayList<>(in.size());
        for (final A a : in) {
            out.add(f.apply(a));
        }
        return out;
    }
}
