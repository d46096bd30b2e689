/**
 * The KeyValue interface ({@code schema/src/main/capnp/kv.capnp}): a bounded map from Text keys to Data values with
 * declared errors ({@code notFound}, {@code keyTooLong}, {@code valueTooLarge}, {@code full}) and an idempotent
 * {@code get}. Generated structs, client stub, server skeleton and error classes.
 */
package org.capring.schema.kv;
