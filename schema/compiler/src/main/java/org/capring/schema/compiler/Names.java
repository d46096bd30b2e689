package org.capring.schema.compiler;

import java.util.HashSet;
import java.util.Set;

/**
 * Naming rules shared by the generator: upstream capnpc-java's case conversions, Java identifier validity, and
 * the deterministic escape of accessor names that would collide with final methods of {@link Object}.
 */
final class Names {

    /** Java reserved keywords, literals and restricted identifiers: never usable as a generated name. */
    static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super",
            "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
            "true", "false", "null", "_", "var", "yield", "record", "sealed", "permits", "non-sealed", "when",
            "exports", "module", "open", "opens", "provides", "requires", "to", "transitive", "uses", "with");

    /**
     * Names a Java method cannot have or cannot be invoked by unqualified: {@link #RESERVED} minus the restricted
     * identifiers that are legal method names ({@code var}, {@code record}, {@code open}, {@code module}, ...).
     * {@code yield} stays: an unqualified {@code yield(...)} does not compile.
     */
    static final Set<String> METHOD_RESERVED;

    static {
        final Set<String> legalMethodNames = Set.of("var", "record", "sealed", "permits", "non-sealed", "when",
                "exports", "module", "open", "opens", "provides", "requires", "to", "transitive", "uses", "with");
        final Set<String> reserved = new HashSet<>(RESERVED);
        reserved.removeAll(legalMethodNames);
        METHOD_RESERVED = Set.copyOf(reserved);
    }

    /**
     * Accessor base names ({@code get}/{@code set}/... + name) that would collide with a final method inherited
     * by every Reader and Builder ({@code Object.getClass()}); such names get {@value #ESCAPE} appended.
     */
    static final Set<String> ESCAPED_ACCESSOR_BASES = Set.of("Class");

    /** Suffix that escapes a clashing name. */
    static final String ESCAPE = "_";

    private Names() {
    }

    /**
     * @param name a schema name
     * @return the name with its first character upper-cased (upstream's group class and accessor rule)
     */
    static String titleCase(final String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * @param name a field name
     * @return the accessor base: {@link #titleCase}, escaped when it would clash with {@code getClass()}
     */
    static String accessorBase(final String name) {
        final String title = titleCase(name);
        return ESCAPED_ACCESSOR_BASES.contains(title) ? title + ESCAPE : title;
    }

    /**
     * Upstream's constant-name rule: lower-case letters are upper-cased, and an upper-case letter other than the
     * first character gets an underscore before it. {@code selfEmployed} becomes {@code SELF_EMPLOYED}.
     *
     * @param name a schema name
     * @return the UPPER_SNAKE form
     */
    static String upperSnake(final String name) {
        final StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out.append((char) (c - 'a' + 'A'));
            } else if (c >= 'A' && c <= 'Z') {
                if (i > 0) {
                    out.append('_');
                }
                out.append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param name a candidate identifier
     * @return whether it is an ASCII Java identifier ({@code [A-Za-z_][A-Za-z0-9_]*}) that is not reserved
     */
    static boolean isIdentifier(final String name) {
        return !RESERVED.contains(name) && isWord(name);
    }

    /**
     * @param name a candidate method name
     * @return whether it is an ASCII Java identifier that a method may have ({@link #METHOD_RESERVED})
     */
    static boolean isMethodName(final String name) {
        return !METHOD_RESERVED.contains(name) && isWord(name);
    }

    /**
     * @param name a schema name that only ever appears inside a longer identifier (field and method names:
     *             {@code getEnum}, {@code METHOD_NEW})
     * @return whether it is made of ASCII letters, digits and underscores and does not start with a digit
     */
    static boolean isWord(final String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            final boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param tag a union tag as the model records it (negative when the generated readers did not know it)
     * @return the tag for a message: the number, or a note that it is not in this generator's schema.capnp
     */
    static String unknownTag(final int tag) {
        return tag >= 0 ? Integer.toString(tag) : "(a union tag that schema.capnp, as this generator knows it,"
                + " does not define)";
    }

    /**
     * @param id a node id
     * @return {@code 0x} and 16 lower-case hex digits
     */
    static String hexId(final long id) {
        return String.format("0x%016x", id);
    }
}
