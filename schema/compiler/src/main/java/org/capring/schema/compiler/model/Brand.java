package org.capring.schema.compiler.model;

import java.util.List;

/**
 * Generic parameter bindings of a type reference; a non-generic reference has no scopes.
 *
 * @param scopes one entry per generic scope that is bound or inherited
 */
public record Brand(List<Scope> scopes) {

    /** The brand of a non-generic reference. */
    public static final Brand NONE = new Brand(List.of());

    /** Copies the list. */
    public Brand {
        scopes = List.copyOf(scopes);
    }

    /**
     * Bindings for the parameters of one generic scope.
     *
     * @param scopeId  id of the generic node
     * @param which    0 = bind, 1 = inherit, anything else unknown
     * @param bindings the bindings when {@code which == 0}
     */
    public record Scope(long scopeId, int which, List<Binding> bindings) {

        /** Copies the list. */
        public Scope {
            bindings = List.copyOf(bindings);
        }
    }

    /**
     * One parameter binding.
     *
     * @param which 0 = unbound, 1 = type, anything else unknown
     * @param type  the bound type when {@code which == 1}, else {@code null}
     */
    public record Binding(int which, Type type) {
    }
}
