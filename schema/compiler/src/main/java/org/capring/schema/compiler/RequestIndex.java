package org.capring.schema.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.capring.schema.compiler.model.Annotation;
import org.capring.schema.compiler.model.Kind;
import org.capring.schema.compiler.model.Node;
import org.capring.schema.compiler.model.NodeBody;
import org.capring.schema.compiler.model.Request;
import org.capring.schema.compiler.model.Value;

/**
 * Lookups over one request: nodes by id, the Java class path of every struct, group, enum and interface (from
 * the file's outer class down), and each file's {@code $Java} package and outer class name.
 *
 * <p>Java paths follow upstream capnpc-java: a nested declaration is named by its {@code NestedNode.name}, a group
 * by the title-cased field name, and a method's implicit parameter and result structs (scope id 0) become
 * {@code <Method>Params} and {@code <Method>Results} inside the interface's class. Naming is lenient (dangling
 * or cyclic references are skipped); the generator reports them when it actually needs the node.
 */
final class RequestIndex {

    /** Id of {@code $Java.package} in {@code /capnp/java.capnp}. */
    static final long PACKAGE_ANNOTATION = 0x9ee4c8f803b3b596L;
    /** Id of {@code $Java.outerClassname} in {@code /capnp/java.capnp}. */
    static final long OUTER_CLASSNAME_ANNOTATION = 0x9b066bb4881f7cd3L;

    /**
     * Names that generated classes use for fields, parameters and locals; a package whose first segment is one
     * of them could not be named in an expression inside generated code.
     */
    static final Set<String> GENERATED_VARIABLES = Set.of("segment", "data", "pointers", "dataSize",
            "pointerCount", "nestingLimit", "factory", "listFactory", "value", "size", "f", "builder");

    /**
     * A Java class path.
     *
     * @param fileId the file node whose outer class holds the class
     * @param names  simple names from below the outer class down to the class
     */
    record JavaPath(long fileId, List<String> names) {
    }

    private final Map<Long, Node> byId = new HashMap<>();
    private final Map<Long, JavaPath> paths = new HashMap<>();

    RequestIndex(final Request request) {
        for (final Node node : request.nodes()) {
            final Node previous = byId.putIfAbsent(node.id(), node);
            if (previous != null) {
                throw new SchemaCompileException(SchemaCompileException.Reason.UNKNOWN_ID, node.displayName(),
                        "node id " + Names.hexId(node.id()) + " appears twice in the request (also "
                                + previous.displayName() + ")");
            }
        }
        for (final Node node : request.nodes()) {
            if (node.body() instanceof NodeBody.File) {
                walk(node, node.id(), List.of());
            }
        }
    }

    /**
     * @param id a node id
     * @return the node, or {@code null}
     */
    Node node(final long id) {
        return byId.get(id);
    }

    /**
     * @param id      a node id
     * @param element display name of the element that refers to it
     * @param what    what the reference is, for the message
     * @return the node
     * @throws SchemaCompileException if no node has that id
     */
    Node require(final long id, final String element, final String what) {
        final Node node = byId.get(id);
        if (node == null) {
            throw new SchemaCompileException(SchemaCompileException.Reason.UNKNOWN_ID, element,
                    what + " " + Names.hexId(id) + " is not a node of the request");
        }
        return node;
    }

    /**
     * @param id a struct, group, enum or interface node id
     * @return its Java class path, or {@code null} when no file declares it
     */
    JavaPath path(final long id) {
        return paths.get(id);
    }

    /**
     * @param id       a struct, enum or interface node id
     * @param fromFile the file whose generated code refers to it
     * @param element  display name of the referring element
     * @return the Java reference: {@code Outer.A.B} in the same file, {@code pkg.Outer.A.B} across files
     * @throws SchemaCompileException if the node is not declared in a file, or its file lacks annotations
     */
    String reference(final long id, final long fromFile, final String element) {
        final JavaPath path = paths.get(id);
        if (path == null) {
            throw new SchemaCompileException(SchemaCompileException.Reason.UNKNOWN_ID, element,
                    "type " + Names.hexId(id) + " is not declared in any file of the request");
        }
        final Node file = byId.get(path.fileId());
        final String outer = outerClass(file);
        final String prefix = path.fileId() == fromFile ? outer : javaPackage(file) + "." + outer;
        return path.names().isEmpty() ? prefix : prefix + "." + String.join(".", path.names());
    }

    /**
     * @param file a file node
     * @return its {@code $Java.package}
     * @throws SchemaCompileException if the annotation is missing or not a valid package name
     */
    String javaPackage(final Node file) {
        final String name = annotationText(file, PACKAGE_ANNOTATION, "package");
        final String[] segments = name.split("\\.", -1);
        for (final String segment : segments) {
            if (!Names.isIdentifier(segment)) {
                throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_NAME, file.displayName(),
                        "$Java.package(\"" + name + "\") is not a valid Java package name");
            }
        }
        if (GENERATED_VARIABLES.contains(segments[0])) {
            throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_NAME, file.displayName(),
                    "$Java.package(\"" + name + "\") starts with '" + segments[0]
                            + "', a name generated classes use for a variable");
        }
        return name;
    }

    /**
     * @param file a file node
     * @return its {@code $Java.outerClassname}
     * @throws SchemaCompileException if the annotation is missing or not a valid class name
     */
    String outerClass(final Node file) {
        final String name = annotationText(file, OUTER_CLASSNAME_ANNOTATION, "outerClassname");
        if (!Names.isIdentifier(name)) {
            throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_NAME, file.displayName(),
                    "$Java.outerClassname(\"" + name + "\") is not a valid Java class name");
        }
        if (GENERATED_VARIABLES.contains(name) || name.equals("java") || name.equals("org")) {
            throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_NAME, file.displayName(),
                    "$Java.outerClassname(\"" + name + "\") would be hidden by a variable or hide a package"
                            + " that generated code refers to");
        }
        return name;
    }

    private static String annotationText(final Node file, final long id, final String name) {
        for (final Annotation annotation : file.annotations()) {
            if (annotation.id() != id) {
                continue;
            }
            final Value value = annotation.value();
            if (value.kind() != Kind.TEXT || !value.hasPointer()) {
                throw new SchemaCompileException(SchemaCompileException.Reason.MALFORMED_REQUEST,
                        file.displayName(), "$Java." + name + " annotation does not carry a Text value");
            }
            try {
                return value.pointer().text();
            } catch (final IllegalStateException e) {
                throw new SchemaCompileException(SchemaCompileException.Reason.MALFORMED_REQUEST,
                        file.displayName(), "$Java." + name + " annotation: " + e.getMessage(), e);
            }
        }
        throw new SchemaCompileException(SchemaCompileException.Reason.MISSING_ANNOTATION, file.displayName(),
                "no $Java." + name + " annotation; add $Java." + name
                        + "(\"...\") from /capnp/java.capnp to the file");
    }

    private void walk(final Node node, final long fileId, final List<String> path) {
        for (final Node.NestedNode nested : node.nestedNodes()) {
            name(nested.id(), fileId, path, nested.name());
        }
        if (node.body() instanceof NodeBody.Struct struct) {
            for (final NodeBody.Field field : struct.fields()) {
                if (field.kind() instanceof NodeBody.Group group) {
                    name(group.typeId(), fileId, path, Names.accessorBase(field.name()));
                }
            }
        } else if (node.body() instanceof NodeBody.Interface iface) {
            for (final NodeBody.Method method : iface.methods()) {
                nameMethodStruct(method.paramStructType(), fileId, path, method.name(), "Params");
                nameMethodStruct(method.resultStructType(), fileId, path, method.name(), "Results");
            }
        }
    }

    private void nameMethodStruct(final long id, final long fileId, final List<String> path, final String method,
                                  final String suffix) {
        final Node node = byId.get(id);
        if (node != null && node.scopeId() == 0) {
            name(id, fileId, path, Names.titleCase(method) + suffix);
        }
    }

    private void name(final long id, final long fileId, final List<String> parent, final String simpleName) {
        final Node node = byId.get(id);
        if (node == null || paths.containsKey(id) || node.body() instanceof NodeBody.File) {
            return;
        }
        final List<String> path = new ArrayList<>(parent.size() + 1);
        path.addAll(parent);
        path.add(simpleName);
        paths.put(id, new JavaPath(fileId, List.copyOf(path)));
        walk(node, fileId, path);
    }
}
