/**
 * Java generated from {@code src/test/capnp/imported.capnp} ({@code Imported.java} is generated code), a file that
 * the test schema imports: its types are referenced from another package.
 */
package org.capring.schema.compiler.testschema.other;
