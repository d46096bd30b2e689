package org.capring.schema.compiler.model;

/** A schema type, one record per shape of the {@code Type} union. */
public sealed interface Type {

    /** @return the union tag of this type */
    int tag();

    /**
     * {@code Void}, a primitive, {@code Text} or {@code Data}.
     *
     * @param kind which one; never a pointer kind other than TEXT or DATA
     */
    record Simple(Kind kind) implements Type {

        @Override
        public int tag() {
            return kind.ordinal();
        }
    }

    /**
     * {@code List(elementType)}.
     *
     * @param elementType the element type
     */
    record ListOf(Type elementType) implements Type {

        @Override
        public int tag() {
            return Kind.LIST.ordinal();
        }
    }

    /**
     * A reference to an enum, struct or interface node.
     *
     * @param kind   ENUM, STRUCT or INTERFACE
     * @param typeId id of the referenced node
     * @param brand  generic bindings
     */
    record Named(Kind kind, long typeId, Brand brand) implements Type {

        @Override
        public int tag() {
            return kind.ordinal();
        }
    }

    /**
     * {@code AnyPointer} or one of its constrained and generic forms.
     *
     * @param which              0 = unconstrained, 1 = generic parameter, 2 = implicit method parameter
     * @param unconstrainedKind  when unconstrained: 0 = anyKind, 1 = struct, 2 = list, 3 = capability
     * @param parameterScopeId   when {@code which == 1}: the generic node
     * @param parameterIndex     when {@code which} is 1 or 2: the parameter's index
     *                           (components that do not apply to {@code which} are 0)
     */
    record AnyPointer(int which, int unconstrainedKind, long parameterScopeId, int parameterIndex)
            implements Type {

        /** {@link #which()} of an unconstrained AnyPointer. */
        public static final int UNCONSTRAINED = 0;
        /** {@link #unconstrainedKind()} of {@code Capability}. */
        public static final int CAPABILITY = 3;

        @Override
        public int tag() {
            return Kind.ANY_POINTER.ordinal();
        }
    }

    /**
     * A type tag this generator does not know.
     *
     * @param tag the raw union tag
     */
    record Unknown(int tag) implements Type {
    }
}
