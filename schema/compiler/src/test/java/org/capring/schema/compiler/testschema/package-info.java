/**
 * Java generated from {@code src/test/capnp/features.capnp} by this module's generator ({@code Features.java} is
 * generated code, kept identical to the golden file by {@code GoldenFilesTest}); the compile-and-run and interop
 * tests use it.
 */
package org.capring.schema.compiler.testschema;
