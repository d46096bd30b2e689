package org.capring.schema.compiler;

import org.capring.schema.compiler.model.Request;

/**
 * Validates a whole request before any Java is generated: the place for rules that span files and declarations,
 * such as where the annotations an {@link InterfaceEmitter} relies on may appear. A check that finds nothing
 * wrong returns; one that does throws {@link SchemaCompileException} naming the schema element, and nothing is
 * generated. Checks run in {@link GeneratorOptions#requestChecks()} order, after the request's ids have been
 * indexed (so every node id is unique) and before the first file is emitted; they must not keep state between
 * calls.
 */
@FunctionalInterface
public interface RequestCheck {

    /**
     * @param request the request about to be generated
     * @throws SchemaCompileException to refuse it
     */
    void check(Request request);
}
