package org.capring.schema.compiler.model;

/**
 * A default value, constant value or annotation value.
 *
 * @param tag     the raw {@code Value} union tag; {@link #kind()} names it
 * @param bits    raw bits of a data value: 0/1 for Bool, two's complement for integers (UInt64 as its bit
 *                pattern), IEEE bits for floats (NaN payloads preserved), the raw number for enums; 0 otherwise
 * @param pointer the copied pointer of TEXT, DATA, LIST, STRUCT and ANY_POINTER values, else {@code null}
 */
public record Value(int tag, long bits, PointerContent pointer) {

    /** @return the kind, or {@code null} for a tag this generator does not know */
    public Kind kind() {
        return Kind.fromTag(tag);
    }

    /** @return whether a pointer value carries a non-null pointer */
    public boolean hasPointer() {
        return pointer != null && !pointer.isNull();
    }
}
