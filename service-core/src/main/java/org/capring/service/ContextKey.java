package org.capring.service;

import java.util.Objects;

/**
 * A typed key of a value that a phase puts into a {@link CallContext} for later phases and the handler to read.
 * Keys compare by identity: only code that holds the key can read or write its value.
 *
 * {@snippet :
 * static final ContextKey<String> TENANT = ContextKey.of("tenant", String.class);
 * // request filter:  request.put(TENANT, "blue");
 * // handler:         CallContext.current().get(TENANT)
 * }
 *
 * @param <T> the value type
 */
public final class ContextKey<T> {
    private final String name;
    private final Class<T> type;

    private ContextKey(final String name, final Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * @param name for diagnostics
     * @param type the value type (values are checked against it when put)
     * @param <T>  the value type
     * @return a new key, equal only to itself
     */
    public static <T> ContextKey<T> of(final String name, final Class<T> type) {
        return new ContextKey<>(name, type);
    }

    /** @return the key's name */
    public String name() {
        return name;
    }

    T cast(final Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return "ContextKey{" + name + ": " + type.getSimpleName() + "}";
    }
}
