package org.capring.service;

/**
 * What every phase may read about the call it sees: the method, the caller, the deadline and the values earlier
 * phases put. Implemented by {@link CallContext}; each phase is handed a narrower view of it.
 */
public interface CallView {
    /** @return the service being called */
    String service();

    /** @return the method ordinal */
    int method();

    /** @return the method's name (from the service's {@link MethodTable}) */
    String methodName();

    /** @return whether the method is declared idempotent */
    boolean idempotent();

    /** @return who made the call */
    Caller caller();

    /** @return the call's deadline on the {@link System#nanoTime()} clock, 0 for none */
    long deadlineNanos();

    /**
     * @param key a key
     * @param <T> the value type
     * @return the value an earlier phase put under it, or null
     */
    <T> T get(ContextKey<T> key);
}
