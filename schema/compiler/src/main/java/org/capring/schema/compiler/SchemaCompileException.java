package org.capring.schema.compiler;

import java.io.Serial;

/**
 * A request the generator will not turn into Java: unreadable bytes, a broken or dangling reference, a schema
 * feature it does not support, or a name that would not compile. It names the schema element at fault by its
 * display name ({@code file.capnp:Struct.field}) so the message reads like a {@code capnp} diagnostic; no file is
 * written when it is thrown.
 */
public final class SchemaCompileException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Reason {
        /** The bytes are not a readable message, or a value or layout in it is impossible. */
        MALFORMED_REQUEST,
        /** An id names no node of the request, names a node of the wrong kind, or appears twice. */
        UNKNOWN_ID,
        /** A union tag (node, field, type or value kind) that this generator does not know. */
        UNKNOWN_KIND,
        /** A valid schema feature this generator does not support (generics, lists of capabilities, ...). */
        UNSUPPORTED,
        /** A name that is not a usable Java identifier or package. */
        INVALID_NAME,
        /** Two generated members, or a member and an enclosing or reserved name, would be the same. */
        NAME_CLASH,
        /** A requested file lacks the {@code $Java.package} or {@code $Java.outerClassname} annotation. */
        MISSING_ANNOTATION,
        /**
         * An annotation the generator recognises ({@code /capnp/capring.capnp}) is applied where it has no meaning,
         * more than once, or with a value of the wrong type.
         */
        INVALID_ANNOTATION
    }

    private final Reason reason;
    private final String element;
    private final String detail;

    /**
     * @param reason  why the request was refused
     * @param element display name of the schema element at fault ({@code "<request>"} for the bytes as a whole)
     * @param detail  what is wrong with it
     */
    public SchemaCompileException(final Reason reason, final String element, final String detail) {
        this(reason, element, detail, null);
    }

    /**
     * @param reason  why the request was refused
     * @param element display name of the schema element at fault
     * @param detail  what is wrong with it
     * @param cause   the runtime error behind it, or {@code null}
     */
    public SchemaCompileException(final Reason reason, final String element, final String detail,
                                  final Throwable cause) {
        super(element + ": " + detail + " [" + reason + "]", cause);
        this.reason = reason;
        this.element = element;
        this.detail = detail;
    }

    /** @return why the request was refused */
    public Reason reason() {
        return reason;
    }

    /** @return display name of the schema element at fault */
    public String element() {
        return element;
    }

    /** @return what is wrong, without the element name */
    public String detail() {
        return detail;
    }
}
