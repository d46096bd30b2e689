/**
 * An immutable, reader-independent copy of a {@code CodeGeneratorRequest}: every node, field, type, value,
 * brand, annotation, requested file and source-info entry of {@code schema.capnp}, as plain records.
 *
 * <p>Two loaders fill it: the production one over the generated {@code schema.capnp} readers and the
 * hand-written bootstrap one; the generator only ever sees this model. Loading is faithful: union tags that
 * the loader does not know are kept as raw numbers ({@link org.capring.schema.compiler.model.NodeBody.Unknown},
 * {@link org.capring.schema.compiler.model.Type.Unknown}, a {@link org.capring.schema.compiler.model.Value}
 * whose {@link org.capring.schema.compiler.model.Value#kind()} is {@code null}) so that the generator, not the
 * loader, decides what to refuse. Unsigned schema integers are widened to the next signed Java type
 * ({@code UInt16} to {@code int}, {@code UInt32} to {@code long}); {@code UInt64} ids stay {@code long}.
 *
 * <p>All types here are immutable and thread-safe.
 */
package org.capring.schema.compiler.model;
