/**
 * A Cap'n Proto to Java code generator: a {@code capnp compile} plugin that turns a {@code CodeGeneratorRequest}
 * into sources for the capnproto-java 0.1.16 runtime, shaped like upstream capnpc-java's output.
 *
 * <p>Entry points: {@link org.capring.schema.compiler.CapnpcJava} (the plugin and command-line program),
 * {@link org.capring.schema.compiler.RequestReader} (bytes to model) and
 * {@link org.capring.schema.compiler.JavaGenerator} (model to sources). Every refusal is a
 * {@link org.capring.schema.compiler.SchemaCompileException} naming the schema element at fault. Per-interface
 * code plugs in through {@link org.capring.schema.compiler.InterfaceEmitter}; the typed ring client stubs, server
 * skeletons and error classes that {@code capnpc-java} generates by default are
 * {@link org.capring.schema.compiler.RingStubEmitter}, which reads the {@code /capnp/capring.capnp} annotations.
 */
package org.capring.schema.compiler;
