package org.capring.schema.compiler;

/**
 * Adds members to the generated class of every interface: the seam for typed client stubs and server
 * skeletons. The generator always writes the interface's {@code TYPE_ID}, one {@code METHOD_<NAME>} constant per
 * method and the implicit parameter and result structs; then it calls each configured emitter, in
 * {@link GeneratorOptions#interfaceEmitters()} order, with the writer positioned inside the class body.
 *
 * <p>An emitter must claim every member name it writes through {@link InterfaceContext#claimNestedType} /
 * {@link InterfaceContext#claimField} / {@link InterfaceContext#claimMethod} before writing it, so that a clash
 * with a schema name is refused instead of producing code that does not compile. It may refuse an interface by
 * throwing {@link SchemaCompileException}. Emitters are called from one thread at a time per generation.
 *
 * {@snippet :
 * InterfaceEmitter describe = (context, out) -> {
 *     context.claimField("METHOD_COUNT");
 *     out.line("public static final int METHOD_COUNT = " + context.methods().size() + ";");
 * };
 * JavaGenerator generator = new JavaGenerator(GeneratorOptions.defaults().withInterfaceEmitter(describe));
 * }
 */
@FunctionalInterface
public interface InterfaceEmitter {

    /**
     * Writes members into the body of one interface's class.
     *
     * @param context the interface, its methods and their Java names
     * @param out     the writer, indented for the class body
     * @throws SchemaCompileException to refuse the interface
     */
    void emit(InterfaceContext context, JavaWriter out);
}
