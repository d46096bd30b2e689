/**
 * The Terminal and Session interfaces ({@code schema/src/main/capnp/terminal.capnp}): {@code Terminal.open} grants
 * the caller a Session capability and returns its handle; a Session takes input ({@code write}), gives output
 * ({@code read}), resizes (idempotent) and closes (idempotent). Generated structs, client stubs, server skeletons
 * and error classes.
 */
package org.capring.schema.terminal;
