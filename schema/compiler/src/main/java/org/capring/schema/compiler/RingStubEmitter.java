package org.capring.schema.compiler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.capring.schema.compiler.model.Kind;
import org.capring.schema.compiler.model.Node;
import org.capring.schema.compiler.model.NodeBody;
import org.capring.schema.compiler.model.Type;

/**
 * Generates, for every interface, the typed ring API over {@code org.capring.ring.call} (module
 * {@code capring-ring-core}): a client stub, a server skeleton and one exception class per declared error.
 * {@code capnpc-java} enables it by default ({@link GeneratorOptions#withRingStubs()}).
 *
 * <p>In the interface's class {@code I}:
 * <ul>
 *   <li>{@code I.<Name>Exception extends CapException}, one per enumerant of the interface's
 *       {@code $Capring.errors} enum, with {@code CODE} = enumerant ordinal + 2;</li>
 *   <li>{@code I.Client}, built from a {@code RingClient} and a handle (or {@code CapRef}); per method {@code m},
 *       {@code m()} and {@code m(long deadlineNanos)} return an {@code I.Client.MCall} that owns a call slot:
 *       {@code params()} (the params builder in the slot), {@code send()}, {@code await()} and {@code invoke()}
 *       (the results reader in the slot, declared errors thrown as their exception class), {@code results()},
 *       {@code cancel()}, {@code call()} (for {@code RingClient.sendAll}) and {@code close()}; calls to a method
 *       marked {@code $Capring.idempotent} are marked retry-safe;</li>
 *   <li>{@code I.Server}, the typed handler: per method
 *       {@code void m(MParams.Reader params, MResults.Builder results, ServerCall call) throws Exception};</li>
 *   <li>{@code I.capability(String name, I.Server server)}, the skeleton: a {@code Capability} whose handler
 *       dispatches method ids to {@code server} and answers an unknown id with {@code NO_SUCH_METHOD}.</li>
 * </ul>
 *
 * <p>Java method names are the schema's, with {@value Names#ESCAPE} appended to a name that is a Java keyword
 * ({@code Names.METHOD_RESERVED}; restricted identifiers such as {@code open} or {@code record} are fine), a method
 * of {@code java.lang.Object} ({@link #OBJECT_METHODS}) or a member of the client ({@link #CLIENT_MEMBERS}): schema
 * methods {@code close} and {@code open} keep their names in {@code Server} and {@code Client}, {@code wait}
 * becomes {@code wait_}, {@code new} becomes {@code new_}. Every generated name is claimed; a clash (a nested type
 * {@code Client}, an error whose class is named like a nested type) is refused as {@code NAME_CLASH}. Refused as
 * {@code UNSUPPORTED}: interfaces that extend others, and methods whose params or results reach a capability-typed
 * field (capabilities travel as handles: put the handle in a {@code UInt32} field and grant it with
 * {@code ServerCall.adopt}).
 *
 * <p>Stateless and thread-safe.
 */
public final class RingStubEmitter implements InterfaceEmitter {

    /** Methods of {@code java.lang.Object}: a schema method of one of these names gets {@value Names#ESCAPE}. */
    static final Set<String> OBJECT_METHODS = Set.of("clone", "equals", "finalize", "getClass", "hashCode",
            "notify", "notifyAll", "toString", "wait");

    /** The client's own methods: a schema method of one of these names gets {@value Names#ESCAPE}. */
    static final Set<String> CLIENT_MEMBERS = Set.of("handle", "ringClient");

    private static final String CALL = "org.capring.ring.call.";
    private static final String SERVER_CALL = CALL + "ServerCall";
    private static final String CAP_EXCEPTION = CALL + "CapException";

    /** One schema method as the stub writes it. */
    private record Stub(InterfaceContext.Method method, String element, String javaName, String callClass,
                        boolean idempotent) {
    }

    /** One declared error. */
    private record ErrorClass(String enumerant, String element, String className, int code) {
    }

    /** Creates the emitter. */
    public RingStubEmitter() {
    }

    /**
     * @param schemaName a schema method name
     * @return its Java method name in {@code Client} and {@code Server}
     */
    static String javaMethodName(final String schemaName) {
        return Names.METHOD_RESERVED.contains(schemaName) || OBJECT_METHODS.contains(schemaName)
                || CLIENT_MEMBERS.contains(schemaName) ? schemaName + Names.ESCAPE : schemaName;
    }

    @Override
    public void emit(final InterfaceContext context, final JavaWriter out) {
        refuseSuperclasses(context);
        final String iface = context.javaReference();
        final List<Stub> stubs = new ArrayList<>();
        for (final InterfaceContext.Method method : context.methods()) {
            final String element = context.displayName() + "." + method.name();
            refuseCapabilities(context, method.paramStruct(), element, "parameters", new HashSet<>());
            refuseCapabilities(context, method.resultStruct(), element, "results", new HashSet<>());
            stubs.add(new Stub(method, element, javaMethodName(method.name()),
                    Names.titleCase(method.name()) + "Call", CapringAnnotations.isIdempotent(method.method())));
        }
        final List<ErrorClass> errors = declaredErrors(context);

        final InterfaceContext.Members client;
        final InterfaceContext.Members server;
        try {
            for (final ErrorClass error : errors) {
                context.members().withElement(error.element()).claimNestedType(error.className());
            }
            client = context.claimNestedClass("Client");
            server = context.claimNestedClass("Server");
            context.claimMethod("capability", "java.lang.String, " + iface + ".Server");
        } catch (final SchemaCompileException e) {
            if (e.reason() != SchemaCompileException.Reason.NAME_CLASH) {
                throw e;
            }
            throw new SchemaCompileException(e.reason(), e.element(), e.detail() + " (a name of the ring stub:"
                    + " rename the declaration, or generate without stubs: --no-stubs)", e);
        }
        client.claimField("ring");
        client.claimField("handle");
        client.claimMethod("handle", "");
        client.claimMethod("ringClient", "");
        if (!errors.isEmpty()) {
            client.claimMethod("typedError", CAP_EXCEPTION);
        }
        for (final Stub stub : stubs) {
            final InterfaceContext.Members methodClient = client.withElement(stub.element());
            methodClient.claimNestedType(stub.callClass());
            methodClient.claimMethod(stub.javaName(), "");
            methodClient.claimMethod(stub.javaName(), "long");
            server.withElement(stub.element()).claimMethod(stub.javaName(), stub.method().paramJavaReference()
                    + ".Reader, " + stub.method().resultJavaReference() + ".Builder, " + SERVER_CALL);
        }

        for (final ErrorClass error : errors) {
            emitError(context, error, out);
        }
        emitClient(context, stubs, errors, out);
        emitServer(context, stubs, out);
        emitCapability(context, stubs, out);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Refusals

    private static void refuseSuperclasses(final InterfaceContext context) {
        if (context.superclassIds().isEmpty()) {
            return;
        }
        final List<String> names = new ArrayList<>();
        for (final long id : context.superclassIds()) {
            names.add(context.findNode(id).map(Node::displayName).orElse(Names.hexId(id)));
        }
        throw new SchemaCompileException(SchemaCompileException.Reason.UNSUPPORTED, context.displayName(),
                "interface inheritance (extends " + String.join(", ", names) + ") is not supported by the ring stubs;"
                        + " declare the methods in one interface, or generate without stubs (--no-stubs)");
    }

    /** Walks every struct the params or results can reach and refuses a capability-typed field. */
    private static void refuseCapabilities(final InterfaceContext context, final Node struct, final String element,
                                           final String side, final Set<Long> visited) {
        if (!visited.add(struct.id()) || !(struct.body() instanceof NodeBody.Struct body)) {
            return;
        }
        for (final NodeBody.Field field : body.fields()) {
            switch (field.kind()) {
                case NodeBody.Slot slot -> refuseCapabilities(context, slot.type(),
                        struct.displayName() + "." + field.name(), element, side, visited);
                case NodeBody.Group group -> context.findNode(group.typeId()).ifPresent(
                        node -> refuseCapabilities(context, node, element, side, visited));
                case NodeBody.UnknownFieldKind ignored -> {
                    // Refused by the struct generator, which names the field.
                }
            }
        }
    }

    private static void refuseCapabilities(final InterfaceContext context, final Type type, final String field,
                                           final String element, final String side, final Set<Long> visited) {
        final boolean capability = switch (type) {
            case Type.Named named when named.kind() == Kind.INTERFACE -> true;
            case Type.AnyPointer any -> any.which() == Type.AnyPointer.UNCONSTRAINED
                    && any.unconstrainedKind() == Type.AnyPointer.CAPABILITY;
            case Type.Named named -> {
                final Optional<Node> target = context.findNode(named.typeId());
                target.ifPresent(node -> refuseCapabilities(context, node, element, side, visited));
                yield false;
            }
            case Type.ListOf list -> {
                refuseCapabilities(context, list.elementType(), field, element, side, visited);
                yield false;
            }
            default -> false;
        };
        if (capability) {
            throw new SchemaCompileException(SchemaCompileException.Reason.UNSUPPORTED, element,
                    "its " + side + " reach the capability-typed field " + field + ", but capabilities cannot travel"
                            + " in ring messages; pass the capability's handle in a UInt32 field instead (the"
                            + " server grants it with ServerCall.adopt)");
        }
    }

    private static List<ErrorClass> declaredErrors(final InterfaceContext context) {
        Node errorsEnum = null;
        for (final Node.NestedNode nested : context.node().nestedNodes()) {
            final Optional<Node> node = context.findNode(nested.id());
            if (node.isEmpty() || !CapringAnnotations.isErrors(node.get())) {
                continue;
            }
            if (!(node.get().body() instanceof NodeBody.Enum)) {
                throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_ANNOTATION,
                        node.get().displayName(), "$Capring.errors applies to enums, not to this declaration");
            }
            if (errorsEnum != null) {
                throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_ANNOTATION,
                        node.get().displayName(), "an interface declares its errors in one enum, but "
                        + errorsEnum.displayName() + " is marked $Capring.errors too");
            }
            errorsEnum = node.get();
        }
        if (errorsEnum == null) {
            return List.of();
        }
        final List<ErrorClass> errors = new ArrayList<>();
        final List<NodeBody.Enumerant> enumerants = ((NodeBody.Enum) errorsEnum.body()).enumerants();
        for (int ordinal = 0; ordinal < enumerants.size(); ordinal++) {
            final String name = enumerants.get(ordinal).name();
            errors.add(new ErrorClass(name, errorsEnum.displayName() + "." + name,
                    Names.titleCase(name) + "Exception", CapringAnnotations.FIRST_ERROR_CODE + ordinal));
        }
        return List.copyOf(errors);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Code

    private static void emitError(final InterfaceContext context, final ErrorClass error, final JavaWriter out) {
        out.blank();
        out.line("/** Declared error {@code " + error.enumerant() + "} of {@code " + simpleName(context)
                + "}: application status " + error.code() + ". */");
        out.open("public static final class " + error.className() + " extends " + CAP_EXCEPTION + " {");
        out.line("@java.io.Serial");
        out.line("private static final long serialVersionUID = 1L;");
        out.blank();
        out.line("/** Application status of this error. */");
        out.line("public static final int CODE = " + error.code() + ";");
        out.blank();
        out.line("/** @param message details for the caller */");
        out.open("public " + error.className() + "(final java.lang.String message) {");
        out.line("super(CODE, message);");
        out.close("}");
        out.blank();
        out.line("/**");
        out.line(" * @param message    details for the caller");
        out.line(" * @param idempotent whether the failed method is declared idempotent (client side)");
        out.line(" */");
        out.open("public " + error.className() + "(final java.lang.String message, final boolean idempotent) {");
        out.line("super(CODE, message, idempotent);");
        out.close("}");
        out.close("}");
    }

    private static void emitClient(final InterfaceContext context, final List<Stub> stubs,
                                   final List<ErrorClass> errors, final JavaWriter out) {
        final String iface = context.javaReference();
        final String ringClient = CALL + "RingClient";
        out.blank();
        out.line("/**");
        out.line(" * Typed client stub of {@code " + simpleName(context) + "}: per method, a call object that owns one"
                + " call slot until closed.");
        out.line(" * Immutable and thread-safe; each call object belongs to one thread at a time.");
        out.line(" */");
        out.open("public static final class Client {");
        out.line("private final " + ringClient + " ring;");
        out.line("private final int handle;");
        out.blank();
        out.line("/**");
        out.line(" * @param ring   the client side of the ring");
        out.line(" * @param handle handle of a capability implementing this interface");
        out.line(" */");
        out.open("public Client(final " + ringClient + " ring, final int handle) {");
        out.line("this.ring = java.util.Objects.requireNonNull(ring, \"ring\");");
        out.line("this.handle = handle;");
        out.close("}");
        out.blank();
        out.line("/**");
        out.line(" * @param ring       the client side of the ring");
        out.line(" * @param capability reference to a capability implementing this interface (its owner releases it)");
        out.line(" */");
        out.open("public Client(final " + ringClient + " ring, final " + CALL + "CapRef capability) {");
        out.line("this(ring, capability.handle());");
        out.close("}");
        out.blank();
        out.line("/** @return the capability handle this stub calls */");
        out.open("public int handle() {");
        out.line("return handle;");
        out.close("}");
        out.blank();
        out.line("/** @return the ring client this stub calls through */");
        out.open("public " + ringClient + " ringClient() {");
        out.line("return ring;");
        out.close("}");
        for (final Stub stub : stubs) {
            final String newCall = "ring.newCall(handle, " + iface + ".TYPE_ID, " + iface + "."
                    + stub.method().constantName();
            out.blank();
            out.line("/** @return a call of {@code " + stub.method().name() + "}, holding a call slot until closed */");
            out.open("public " + stub.callClass() + " " + stub.javaName() + "() {");
            out.line("return new " + stub.callClass() + "(" + newCall + "));");
            out.close("}");
            out.blank();
            out.line("/**");
            out.line(" * @param deadlineNanos absolute deadline on the {@code System.nanoTime()} clock, 0 for none");
            out.line(" * @return a call of {@code " + stub.method().name() + "}, holding a call slot until closed");
            out.line(" */");
            out.open("public " + stub.callClass() + " " + stub.javaName() + "(final long deadlineNanos) {");
            out.line("return new " + stub.callClass() + "(" + newCall + ", deadlineNanos));");
            out.close("}");
        }
        if (!errors.isEmpty()) {
            out.blank();
            out.open("private static " + CAP_EXCEPTION + " typedError(final " + CAP_EXCEPTION + " e) {");
            out.open("return switch (e.status()) {");
            for (final ErrorClass error : errors) {
                out.line("case " + error.code() + " -> new " + iface + "." + error.className()
                        + "(e.detail(), e.retrySafe());");
            }
            out.line("default -> e;");
            out.close("};");
            out.close("}");
        }
        for (final Stub stub : stubs) {
            emitCallClass(context, stub, !errors.isEmpty(), out);
        }
        out.close("}");
    }

    private static void emitCallClass(final InterfaceContext context, final Stub stub, final boolean typedErrors,
                                      final JavaWriter out) {
        final String params = stub.method().paramJavaReference();
        final String results = stub.method().resultJavaReference();
        final String call = CALL + "Call";
        out.blank();
        out.line("/**");
        out.line(" * One call of {@code " + simpleName(context) + "." + stub.method().name() + "}: build the params in"
                + " place, invoke, read the results in place, close.");
        if (stub.idempotent()) {
            out.line(" * The method is idempotent: a failure after dispatch is still retry-safe.");
        }
        out.line(" */");
        out.open("public static final class " + stub.callClass() + " implements java.lang.AutoCloseable {");
        out.line("private final " + call + " call;");
        out.line("private " + params + ".Builder params;");
        out.blank();
        out.open(stub.callClass() + "(final " + call + " call) {");
        out.line("this.call = call;");
        if (stub.idempotent()) {
            out.line("call.idempotent(true);");
        }
        out.close("}");
        out.blank();
        out.line("/**");
        out.line(" * @return the params, built in place in the call slot; started on first use (a call sent without"
                + " them");
        out.line(" *     carries default params)");
        out.line(" */");
        out.open("public " + params + ".Builder params() {");
        out.line(params + ".Builder p = params;");
        out.open("if (p == null) {");
        out.line("p = call.initParams(" + params + ".factory);");
        out.line("params = p;");
        out.close("}");
        out.line("return p;");
        out.close("}");
        out.blank();
        out.line("/** Sends the call and returns at once; {@link #await()} waits for it. */");
        out.open("public void send() {");
        out.line("call.send();");
        out.close("}");
        out.blank();
        out.line("/**");
        out.line(" * Waits for the completion.");
        out.line(" *");
        out.line(" * @return the results, read in place in the call slot; valid until {@link #close()}");
        out.line(" * @throws " + CALL + "CallException the call's error" + (typedErrors
                ? "; a declared error as its class" : ""));
        out.line(" */");
        out.open("public " + results + ".Reader await() {");
        if (typedErrors) {
            out.open("try {");
            out.line("call.await();");
            out.reopen("} catch (final " + CAP_EXCEPTION + " e) {");
            out.line("throw typedError(e);");
            out.close("}");
        } else {
            out.line("call.await();");
        }
        out.line("return call.result(" + results + ".factory);");
        out.close("}");
        out.blank();
        out.line("/**");
        out.line(" * Sends the call and waits for it.");
        out.line(" *");
        out.line(" * @return the results, read in place in the call slot; valid until {@link #close()}");
        out.line(" * @throws " + CALL + "CallException the call's error");
        out.line(" */");
        out.open("public " + results + ".Reader invoke() {");
        out.line("call.send();");
        out.line("return await();");
        out.close("}");
        out.blank();
        out.line("/** @return the results of the completed call, read in place; valid until {@link #close()} */");
        out.open("public " + results + ".Reader results() {");
        out.line("return call.result(" + results + ".factory);");
        out.close("}");
        out.blank();
        out.line("/** Asks the server to cancel the sent call; it must still be awaited or closed. */");
        out.open("public void cancel() {");
        out.line("call.cancel();");
        out.close("}");
        out.blank();
        out.line("/** @return the underlying call, e.g. for {@code RingClient.sendAll} */");
        out.open("public " + call + " call() {");
        out.line("return call;");
        out.close("}");
        out.blank();
        out.line("/** Frees the call slot (a call sent but not awaited is abandoned). */");
        out.line("@java.lang.Override");
        out.open("public void close() {");
        out.line("call.close();");
        out.close("}");
        out.close("}");
    }

    private static void emitServer(final InterfaceContext context, final List<Stub> stubs, final JavaWriter out) {
        out.blank();
        out.line("/**");
        out.line(" * Typed handler of {@code " + simpleName(context) + "}, served by {@code capability(name, server)}:"
                + " one method");
        out.line(" * per schema method. Each receives the params read in place, the results builder (already"
                + " started) and the");
        out.line(" * call. Throwing a declared error class answers with its status; any other exception with"
                + " UNEXPECTED.");
        out.line(" */");
        out.open("public interface Server {");
        boolean first = true;
        for (final Stub stub : stubs) {
            if (!first) {
                out.blank();
            }
            first = false;
            out.line("/**");
            out.line(" * Serves {@code " + stub.method().name() + "}" + (stub.idempotent() ? " (idempotent)" : "")
                    + ".");
            out.line(" *");
            out.line(" * @param params  the params, read in place");
            out.line(" * @param results the results, built in place");
            out.line(" * @param call    the call: cancellation, deadline, result-capability adoption");
            out.line(" * @throws java.lang.Exception to fail the call");
            out.line(" */");
            out.line("void " + stub.javaName() + "(" + stub.method().paramJavaReference() + ".Reader params, "
                    + stub.method().resultJavaReference() + ".Builder results, " + SERVER_CALL
                    + " call) throws java.lang.Exception;");
        }
        out.close("}");
    }

    private static void emitCapability(final InterfaceContext context, final List<Stub> stubs,
                                       final JavaWriter out) {
        final String iface = context.javaReference();
        out.blank();
        out.line("/**");
        out.line(" * The server skeleton: a capability that dispatches each call's method id to {@code server}.");
        out.line(" * An unknown method id is answered with NO_SUCH_METHOD.");
        out.line(" *");
        out.line(" * @param name   for diagnostics only");
        out.line(" * @param server the implementation");
        out.line(" * @return the capability, to grant into a client's CapSet or adopt as a result capability");
        out.line(" */");
        out.open("public static " + CALL + "Capability capability(final java.lang.String name, final " + iface
                + ".Server server) {");
        out.line("java.util.Objects.requireNonNull(server, \"server\");");
        out.open("return new " + CALL + "Capability(name, " + iface + ".TYPE_ID, " + stubs.size() + ", call -> {");
        out.open("switch (call.methodId()) {");
        for (final Stub stub : stubs) {
            final InterfaceContext.Method method = stub.method();
            out.line("case " + iface + "." + method.constantName() + " -> server." + stub.javaName() + "(call.params("
                    + method.paramJavaReference() + ".factory), call.initResult(" + method.resultJavaReference()
                    + ".factory), call);");
        }
        out.line("default -> throw " + CALL + "TransportException.of(" + CALL + "Status.NO_SUCH_METHOD, false,"
                + " false,");
        out.line("        \"" + simpleName(context) + " has no method \" + call.methodId());");
        out.close("}");
        out.close("});");
        out.close("}");
    }

    private static String simpleName(final InterfaceContext context) {
        final String reference = context.javaReference();
        return reference.substring(reference.lastIndexOf('.') + 1);
    }
}
