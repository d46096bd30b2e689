package org.capring.schema.compiler.model;

/**
 * An annotation applied to a node, field, enumerant or method.
 *
 * @param id    id of the annotation declaration (annotations are recognised by this id, never by name)
 * @param brand brand of the annotation
 * @param value the annotation's value
 */
public record Annotation(long id, Brand brand, Value value) {
}
