package org.capring.schema.compiler.model;

/**
 * The members of the {@code Type} and {@code Value} unions of {@code schema.capnp}; both unions number them the
 * same way, and {@link #ordinal()} is that number.
 */
public enum Kind {
    /** {@code Void}. */
    VOID,
    /** {@code Bool}. */
    BOOL,
    /** {@code Int8}. */
    INT8,
    /** {@code Int16}. */
    INT16,
    /** {@code Int32}. */
    INT32,
    /** {@code Int64}. */
    INT64,
    /** {@code UInt8}. */
    UINT8,
    /** {@code UInt16}. */
    UINT16,
    /** {@code UInt32}. */
    UINT32,
    /** {@code UInt64}. */
    UINT64,
    /** {@code Float32}. */
    FLOAT32,
    /** {@code Float64}. */
    FLOAT64,
    /** {@code Text}. */
    TEXT,
    /** {@code Data}. */
    DATA,
    /** {@code List(T)}. */
    LIST,
    /** An enum. */
    ENUM,
    /** A struct. */
    STRUCT,
    /** An interface (capability). */
    INTERFACE,
    /** {@code AnyPointer} and its constrained forms. */
    ANY_POINTER;

    private static final Kind[] VALUES = values();

    /**
     * @param tag a raw union tag
     * @return the kind, or {@code null} when the tag is unknown
     */
    public static Kind fromTag(final int tag) {
        return tag >= 0 && tag < VALUES.length ? VALUES[tag] : null;
    }
}
