/**
 * Hand-written readers for the parts of {@code schema.capnp} that a {@code CodeGeneratorRequest} uses, built
 * directly on the capnproto-java runtime's {@link org.capnproto.StructReader} with the field offsets that
 * {@code capnp compile -ocapnp schema.capnp} reports. They bootstrapped the generator (which produced the
 * generated readers in {@link org.capring.schema.compiler.schema}) and stay as an independent second reader:
 * tests check that both yield the same {@link org.capring.schema.compiler.model.Request}, and
 * {@code CapnpcJava --bootstrap} generates through them should the generated readers ever be broken.
 */
package org.capring.schema.compiler.bootstrap;
