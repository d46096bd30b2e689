package org.capring.service;

import org.capnproto.FromPointerBuilder;
import org.capnproto.FromPointerReader;

/** What a {@link RequestFilter} sees: the call before any handler ran, its params, and a way to answer early. */
public interface RequestView extends CallView {
    /**
     * Reads the params in place (bounded as the handler's read is).
     *
     * @param factory params struct type
     * @param <T>     reader type
     * @return the params root
     */
    <T> T params(FromPointerReader<T> factory);

    /**
     * Puts a value for later phases and the handler.
     *
     * @param key   the key
     * @param value the value (checked against the key's type)
     * @param <T>   the value type
     */
    <T> void put(ContextKey<T> key, T value);

    /**
     * Answers the call here, without a handler: starts the result in place; the filter fills it and returns
     * {@link RequestFilter.Verdict#ANSWERED}.
     *
     * @param factory result struct type
     * @param <T>     builder type
     * @return the result root
     */
    <T> T answer(FromPointerBuilder<T> factory);
}
