package org.capring.service;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The methods of an exported interface as the container needs them on the server side: a name per method ordinal
 * (for metrics, logs and events) and whether each is idempotent (for the failure phase: a call dispatched to a
 * method that is not idempotent is never retried). Immutable and thread-safe.
 *
 * {@snippet :
 * MethodTable kv = MethodTable.of(KeyValue.class).idempotent(KeyValue.METHOD_GET);
 * kv.name(KeyValue.METHOD_PUT);   // "put"
 * }
 */
public final class MethodTable {
    private static final String METHOD_PREFIX = "METHOD_";

    private final String[] names;
    private final boolean[] idempotent;

    private MethodTable(final String[] names, final boolean[] idempotent) {
        this.names = names;
        this.idempotent = idempotent;
    }

    /**
     * @param names the method names, by ordinal
     * @return a table of those methods, none idempotent
     * @throws IllegalArgumentException if there are none, more than 65,536, or a name is blank or repeated
     */
    public static MethodTable of(final String... names) {
        if (names.length == 0 || names.length > 0x1_0000) {
            throw new IllegalArgumentException("an interface has 1 to 65536 methods: " + names.length);
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null || names[i].isBlank()) {
                throw new IllegalArgumentException("method " + i + " has no name");
            }
            for (int j = 0; j < i; j++) {
                if (names[j].equals(names[i])) {
                    throw new IllegalArgumentException("method name " + names[i] + " appears twice");
                }
            }
        }
        return new MethodTable(names.clone(), new boolean[names.length]);
    }

    /**
     * Reads the method ordinals of a generated interface class from its {@code METHOD_*} constants (as the schema
     * compiler writes them: {@code METHOD_GET = 0} names method 0 {@code get}).
     *
     * @param generated the generated interface class, e.g. {@code KvProtocol.KeyValue.class}
     * @return its methods, none idempotent (say which are with {@link #idempotent(int...)})
     * @throws IllegalArgumentException if the class has no {@code METHOD_*} int constants, or they do not number
     *                                  the methods 0..n-1 once each
     */
    public static MethodTable of(final Class<?> generated) {
        final String[] byOrdinal = new String[0x1_0000];
        int count = 0;
        for (final Field field : generated.getFields()) {
            final int m = field.getModifiers();
            if (!field.getName().startsWith(METHOD_PREFIX) || field.getType() != int.class || !Modifier.isStatic(m)
                || !Modifier.isFinal(m)) {
                continue;
            }
            final int ordinal;
            try {
                ordinal = field.getInt(null);
            } catch (final IllegalAccessException e) {
                throw new IllegalArgumentException(generated.getName() + "." + field.getName() + " is not readable", e);
            }
            if (ordinal < 0 || ordinal >= byOrdinal.length || byOrdinal[ordinal] != null) {
                throw new IllegalArgumentException(generated.getName() + ": method ordinal " + ordinal + " of "
                    + field.getName() + " is out of range or repeated");
            }
            byOrdinal[ordinal] = camel(field.getName().substring(METHOD_PREFIX.length()));
            count++;
        }
        if (count == 0) {
            throw new IllegalArgumentException(generated.getName() + " has no METHOD_* constants: not a generated interface");
        }
        for (int i = 0; i < count; i++) {
            if (byOrdinal[i] == null) {
                throw new IllegalArgumentException(generated.getName() + ": method ordinals are not 0.." + (count - 1));
            }
        }
        return of(Arrays.copyOf(byOrdinal, count));
    }

    private static String camel(final String constant) {
        final StringBuilder out = new StringBuilder(constant.length());
        boolean upper = false;
        for (final char c : constant.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /**
     * @param methodIds ordinals of the methods that are idempotent (repeating one cannot repeat a side effect)
     * @return a copy with those marked idempotent
     * @throws IllegalArgumentException if an ordinal is out of range
     */
    public MethodTable idempotent(final int... methodIds) {
        final boolean[] marks = idempotent.clone();
        for (final int id : methodIds) {
            checkId(id);
            marks[id] = true;
        }
        return new MethodTable(names, marks);
    }

    private void checkId(final int id) {
        if (id < 0 || id >= names.length) {
            throw new IllegalArgumentException("no method " + id + " (the interface has " + names.length + ")");
        }
    }

    /** @return number of methods */
    public int size() {
        return names.length;
    }

    /**
     * @param methodId a method ordinal
     * @return its name, or {@code "method-<id>"} for an ordinal the table does not know
     */
    public String name(final int methodId) {
        return methodId >= 0 && methodId < names.length ? names[methodId] : "method-" + methodId;
    }

    /**
     * @param methodId a method ordinal
     * @return true if it is declared idempotent (false for an ordinal the table does not know)
     */
    public boolean isIdempotent(final int methodId) {
        return methodId >= 0 && methodId < names.length && idempotent[methodId];
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof MethodTable that && Arrays.equals(names, that.names)
            && Arrays.equals(idempotent, that.idempotent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(names), Arrays.hashCode(idempotent));
    }

    @Override
    public String toString() {
        final StringBuilder out = new StringBuilder("MethodTable[");
        for (int i = 0; i < names.length; i++) {
            out.append(i == 0 ? "" : ", ").append(names[i]).append(idempotent[i] ? " (idempotent)" : "");
        }
        return out.append(']').toString();
    }
}
