package org.capring.stress.sut;

/** The calls the load makes, through the generated stubs of the project's own services. */
public enum Operation {
    /** {@code Echo.echo(value = id)}: idempotent; its result must carry the id back. */
    ECHO,
    /** {@code KeyValue.put(key, value)}: a write; the key names the call. */
    KV_PUT,
    /** {@code KeyValue.get(key)}: a read; {@code notFound} (an application error) when nothing was put there. */
    KV_GET;

    private static final Operation[] VALUES = values();

    /**
     * @param ordinal an ordinal
     * @return the operation
     */
    public static Operation of(final int ordinal) {
        return VALUES[ordinal];
    }
}
