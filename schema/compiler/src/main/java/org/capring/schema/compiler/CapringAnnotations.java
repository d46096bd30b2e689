package org.capring.schema.compiler;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.capring.schema.compiler.model.Annotation;
import org.capring.schema.compiler.model.Kind;
import org.capring.schema.compiler.model.Node;
import org.capring.schema.compiler.model.NodeBody;
import org.capring.schema.compiler.model.Request;

/**
 * The annotations of {@code /capnp/capring.capnp} (shipped at {@code schema/src/main/capnp/capnp/capring.capnp}),
 * recognised by id, and the rules for where they may appear:
 * <ul>
 *   <li>{@code $Capring.idempotent} ({@value #IDEMPOTENT_HEX}, {@code Void}): on a method only;</li>
 *   <li>{@code $Capring.errors} ({@value #ERRORS_HEX}, {@code Void}): on an enum declared directly inside an
 *       interface, at most one per interface.</li>
 * </ul>
 * {@code capnp} enforces the declared targets (method, enum) and value types of schemas it compiles; a request
 * can still break them (it is just bytes), and {@code capnp} cannot know that an errors enum must sit in an
 * interface. Stateless.
 */
final class CapringAnnotations {

    /** Id of {@code $Capring.idempotent}. */
    static final long IDEMPOTENT = 0xada1cf7338c565beL;
    /** Id of {@code $Capring.errors}. */
    static final long ERRORS = 0x9be0675b86edc108L;

    static final String IDEMPOTENT_HEX = "0xada1cf7338c565be";
    static final String ERRORS_HEX = "0x9be0675b86edc108";

    /** Application status of the first declared error; 1 is {@code Status.UNEXPECTED}. */
    static final int FIRST_ERROR_CODE = 2;

    private CapringAnnotations() {
    }

    /**
     * The {@link RequestCheck} of {@link GeneratorOptions#withRingStubs()}: walks every declaration of the requested
     * files (nested declarations, groups, method parameter and result structs; fields, enumerants and methods) and
     * refuses a capring annotation where it has no meaning or with a value it does not take.
     *
     * @param request the request
     * @throws SchemaCompileException {@code INVALID_ANNOTATION} naming the element that carries the annotation
     */
    static void checkPlacement(final Request request) {
        final Map<Long, Node> byId = new HashMap<>();
        for (final Node node : request.nodes()) {
            byId.putIfAbsent(node.id(), node);
        }
        final Set<Long> seen = new HashSet<>();
        final Deque<Node> pending = new ArrayDeque<>();
        for (final Request.RequestedFile file : request.requestedFiles()) {
            enqueue(byId.get(file.id()), seen, pending);
        }
        while (!pending.isEmpty()) {
            final Node node = pending.poll();
            checkNode(node, byId.get(node.scopeId()));
            for (final Node.NestedNode nested : node.nestedNodes()) {
                enqueue(byId.get(nested.id()), seen, pending);
            }
            switch (node.body()) {
                case NodeBody.Struct struct -> {
                    for (final NodeBody.Field field : struct.fields()) {
                        final String element = node.displayName() + "." + field.name();
                        refuseAny(field.annotations(), element, "a field");
                        if (field.kind() instanceof NodeBody.Group group) {
                            enqueue(byId.get(group.typeId()), seen, pending);
                        }
                    }
                }
                case NodeBody.Enum enumeration -> {
                    for (final NodeBody.Enumerant enumerant : enumeration.enumerants()) {
                        refuseAny(enumerant.annotations(), node.displayName() + "." + enumerant.name(),
                                "an enumerant");
                    }
                }
                case NodeBody.Interface iface -> {
                    for (final NodeBody.Method method : iface.methods()) {
                        final String element = node.displayName() + "." + method.name();
                        for (final Annotation annotation : method.annotations()) {
                            if (annotation.id() == ERRORS) {
                                throw misplaced(element, "$Capring.errors", "a method");
                            }
                            if (annotation.id() == IDEMPOTENT) {
                                requireVoid(annotation, element, "$Capring.idempotent");
                            }
                        }
                        enqueue(byId.get(method.paramStructType()), seen, pending);
                        enqueue(byId.get(method.resultStructType()), seen, pending);
                    }
                }
                default -> {
                    // Files, constants and annotation declarations have no members to check.
                }
            }
        }
    }

    private static void enqueue(final Node node, final Set<Long> seen, final Deque<Node> pending) {
        if (node != null && seen.add(node.id())) {
            pending.add(node);
        }
    }

    private static void checkNode(final Node node, final Node parent) {
        final String element = node.displayName();
        for (final Annotation annotation : node.annotations()) {
            if (annotation.id() == IDEMPOTENT) {
                throw misplaced(element, "$Capring.idempotent", describe(node));
            }
            if (annotation.id() == ERRORS) {
                if (!(node.body() instanceof NodeBody.Enum)) {
                    throw misplaced(element, "$Capring.errors", describe(node));
                }
                if (parent == null || !(parent.body() instanceof NodeBody.Interface)) {
                    throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_ANNOTATION, element,
                            "$Capring.errors marks the errors of the interface that encloses the enum, but this enum"
                                    + " is declared in " + (parent == null ? "no interface" : describe(parent) + " "
                                    + parent.displayName()) + "; move it into the interface");
                }
                requireVoid(annotation, element, "$Capring.errors");
            }
        }
    }

    private static void refuseAny(final List<Annotation> annotations, final String element, final String what) {
        for (final Annotation annotation : annotations) {
            if (annotation.id() == IDEMPOTENT) {
                throw misplaced(element, "$Capring.idempotent", what);
            }
            if (annotation.id() == ERRORS) {
                throw misplaced(element, "$Capring.errors", what);
            }
        }
    }

    private static void requireVoid(final Annotation annotation, final String element, final String name) {
        if (annotation.value().kind() != Kind.VOID) {
            throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_ANNOTATION, element,
                    name + " takes no value, but carries a " + (annotation.value().kind() == null
                            ? "value of unknown kind " + Names.unknownTag(annotation.value().tag())
                            : annotation.value().kind() + " value"));
        }
    }

    private static SchemaCompileException misplaced(final String element, final String name, final String what) {
        final String target = name.equals("$Capring.idempotent") ? "methods"
                : "enums declared directly inside an interface";
        return new SchemaCompileException(SchemaCompileException.Reason.INVALID_ANNOTATION, element,
                name + " applies to " + target + ", not to " + what);
    }

    private static String describe(final Node node) {
        return switch (node.body()) {
            case NodeBody.File ignored -> "a file";
            case NodeBody.Struct struct -> struct.isGroup() ? "a group" : "a struct";
            case NodeBody.Enum ignored -> "an enum";
            case NodeBody.Interface ignored -> "an interface";
            case NodeBody.Const ignored -> "a constant";
            case NodeBody.AnnotationDecl ignored -> "an annotation";
            case NodeBody.Unknown ignored -> "a declaration of unknown kind";
        };
    }

    /**
     * @param method a schema method
     * @return whether it carries {@code $Capring.idempotent}
     */
    static boolean isIdempotent(final NodeBody.Method method) {
        for (final Annotation annotation : method.annotations()) {
            if (annotation.id() == IDEMPOTENT) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param node a node
     * @return whether it carries {@code $Capring.errors}
     */
    static boolean isErrors(final Node node) {
        for (final Annotation annotation : node.annotations()) {
            if (annotation.id() == ERRORS) {
                return true;
            }
        }
        return false;
    }
}
