/**
 * The ByteStream interface ({@code schema/src/main/capnp/bytestream.capnp}): a sink with a bounded buffer whose free
 * window pushes back on the writer ({@code windowExceeded}), an idempotent {@code flush} and {@code close}.
 * Generated structs, client stub, server skeleton and error classes.
 */
package org.capring.schema.stream;
