/**
 * A Cap'n Proto to Java code generator: a {@code capnp compile} plugin that turns a {@code CodeGeneratorRequest}
 * into sources for the capnproto-java 0.1.16 runtime, shaped like upstream capnpc-java's output.
 *
 * <p>Entry points: {@link org.capring.schema.compiler.CapnpcJava} (the plugin and command-line program),
 * {@link org.capring.schema.compiler.RequestReader} (bytes to model) and
 * {@link org.capring.schema.compiler.JavaGenerator} (model to sources). Every refusal is a
 * {@link org.capring.schema.compiler.SchemaCompileException} naming the schema element at fault. Per-interface
 * code (typed client stubs, server skeletons) plugs in through
 * {@link org.capring.schema.compiler.InterfaceEmitter}.
 */
package org.capring.schema.compiler;
