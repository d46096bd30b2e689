package org.capring.schema.compiler.model;

import java.util.List;

/**
 * Renders a {@link Request} as indented text, one line per node, field, enumerant, method, annotation,
 * requested file and source-info entry, with every value of the model; pointer values print as the hex of
 * their copied segment. Two readers that agree on a request produce identical dumps. Stateless.
 */
public final class RequestDump {

    private RequestDump() {
    }

    /**
     * @param request a request
     * @return its dump, {@code \n}-terminated lines
     */
    public static String dump(final Request request) {
        final StringBuilder out = new StringBuilder(64 * 1024);
        final Request.CapnpVersion version = request.capnpVersion();
        out.append("capnpVersion ").append(version.major()).append('.').append(version.minor()).append('.')
                .append(version.micro()).append('\n');
        for (final Node node : request.nodes()) {
            node(out, node);
        }
        for (final Request.RequestedFile file : request.requestedFiles()) {
            out.append("requestedFile ").append(hex(file.id())).append(' ').append(quote(file.filename()))
                    .append('\n');
            for (final Request.Import anImport : file.imports()) {
                out.append("  import ").append(hex(anImport.id())).append(' ').append(quote(anImport.name()))
                        .append('\n');
            }
        }
        for (final Request.SourceInfo info : request.sourceInfo()) {
            out.append("sourceInfo ").append(hex(info.id())).append(" doc=").append(quote(info.docComment()))
                    .append('\n');
            for (final String member : info.memberDocComments()) {
                out.append("  member doc=").append(quote(member)).append('\n');
            }
        }
        return out.toString();
    }

    private static void node(final StringBuilder out, final Node node) {
        out.append("node ").append(hex(node.id())).append(' ').append(quote(node.displayName()))
                .append(" prefix=").append(node.displayNamePrefixLength()).append(" scope=")
                .append(hex(node.scopeId())).append(" generic=").append(node.isGeneric());
        if (!node.parameters().isEmpty()) {
            out.append(" parameters=").append(node.parameters());
        }
        out.append('\n');
        for (final Node.NestedNode nested : node.nestedNodes()) {
            out.append("  nested ").append(quote(nested.name())).append(' ').append(hex(nested.id())).append('\n');
        }
        annotations(out, "  ", node.annotations());
        switch (node.body()) {
            case NodeBody.File ignored -> out.append("  file\n");
            case NodeBody.Struct s -> {
                out.append("  struct dataWords=").append(s.dataWordCount()).append(" pointers=")
                        .append(s.pointerCount()).append(" listEncoding=").append(s.preferredListEncoding())
                        .append(" group=").append(s.isGroup()).append(" discriminantCount=")
                        .append(s.discriminantCount()).append(" discriminantOffset=").append(s.discriminantOffset())
                        .append('\n');
                for (final NodeBody.Field field : s.fields()) {
                    field(out, field);
                }
            }
            case NodeBody.Enum e -> {
                out.append("  enum\n");
                for (final NodeBody.Enumerant enumerant : e.enumerants()) {
                    out.append("    enumerant ").append(quote(enumerant.name())).append(" code=")
                            .append(enumerant.codeOrder()).append('\n');
                    annotations(out, "      ", enumerant.annotations());
                }
            }
            case NodeBody.Interface i -> {
                out.append("  interface\n");
                for (final NodeBody.Superclass superclass : i.superclasses()) {
                    out.append("    superclass ").append(hex(superclass.id())).append(' ')
                            .append(brand(superclass.brand())).append('\n');
                }
                for (final NodeBody.Method method : i.methods()) {
                    out.append("    method ").append(quote(method.name())).append(" code=").append(method.codeOrder())
                            .append(" params=").append(hex(method.paramStructType())).append(' ')
                            .append(brand(method.paramBrand())).append(" results=")
                            .append(hex(method.resultStructType())).append(' ').append(brand(method.resultBrand()));
                    if (!method.implicitParameters().isEmpty()) {
                        out.append(" implicit=").append(method.implicitParameters());
                    }
                    out.append('\n');
                    annotations(out, "      ", method.annotations());
                }
            }
            case NodeBody.Const c -> out.append("  const ").append(type(c.type())).append(" = ").append(value(c.value()))
                    .append('\n');
            case NodeBody.AnnotationDecl a -> out.append("  annotation ").append(type(a.type())).append(" targets=0x")
                    .append(Integer.toHexString(a.targets())).append('\n');
            case NodeBody.Unknown u -> out.append("  unknown kind ").append(u.tag()).append('\n');
        }
    }

    private static void field(final StringBuilder out, final NodeBody.Field field) {
        out.append("    field ").append(quote(field.name())).append(" code=").append(field.codeOrder())
                .append(" discriminant=").append(field.discriminantValue()).append(" ordinal=")
                .append(field.ordinalTag()).append('/').append(field.explicitOrdinal()).append(' ');
        switch (field.kind()) {
            case NodeBody.Slot slot -> out.append("slot offset=").append(slot.offset()).append(" type=")
                    .append(type(slot.type())).append(" default=").append(value(slot.defaultValue()))
                    .append(" explicit=").append(slot.hadExplicitDefault());
            case NodeBody.Group group -> out.append("group ").append(hex(group.typeId()));
            case NodeBody.UnknownFieldKind unknown -> out.append("unknown kind ").append(unknown.tag());
        }
        out.append('\n');
        annotations(out, "      ", field.annotations());
    }

    private static void annotations(final StringBuilder out, final String indent, final List<Annotation> list) {
        for (final Annotation annotation : list) {
            out.append(indent).append("annotation ").append(hex(annotation.id())).append(' ')
                    .append(brand(annotation.brand())).append(" = ").append(value(annotation.value())).append('\n');
        }
    }

    private static String type(final Type type) {
        return switch (type) {
            case Type.Simple simple -> simple.kind().name().toLowerCase();
            case Type.ListOf list -> "list(" + type(list.elementType()) + ")";
            case Type.Named named -> named.kind().name().toLowerCase() + "(" + hex(named.typeId()) + " "
                    + brand(named.brand()) + ")";
            case Type.AnyPointer any -> "anyPointer(" + any.which() + "," + any.unconstrainedKind() + ","
                    + hex(any.parameterScopeId()) + "," + any.parameterIndex() + ")";
            case Type.Unknown unknown -> "unknown(" + unknown.tag() + ")";
        };
    }

    private static String brand(final Brand brand) {
        if (brand.scopes().isEmpty()) {
            return "brand[]";
        }
        final StringBuilder out = new StringBuilder("brand[");
        for (final Brand.Scope scope : brand.scopes()) {
            out.append(hex(scope.scopeId())).append(':').append(scope.which()).append('(');
            for (final Brand.Binding binding : scope.bindings()) {
                out.append(binding.which()).append('=').append(binding.type() == null ? "-" : type(binding.type()))
                        .append(';');
            }
            out.append(')');
        }
        return out.append(']').toString();
    }

    private static String value(final Value value) {
        final String kind = value.kind() == null ? "unknown" + value.tag() : value.kind().name().toLowerCase();
        return value.pointer() != null ? kind + "{" + value.pointer() + "}" : kind + "(0x" + Long.toHexString(value.bits())
                + ")";
    }

    private static String hex(final long id) {
        return String.format("0x%016x", id);
    }

    private static String quote(final String text) {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
