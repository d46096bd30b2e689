package org.capring.schema.compiler.model;

import java.util.List;

/**
 * One schema node: a file, struct (or group), enum, interface, constant or annotation declaration.
 *
 * @param id                       the node's 64-bit id
 * @param displayName              {@code file:Scope.Name}, for messages only
 * @param displayNamePrefixLength  length of the {@code file:} prefix of {@code displayName}
 * @param scopeId                  enclosing node (file, struct, group or interface); 0 for method param/result
 *                                 structs and for files
 * @param parameters               names of generic parameters
 * @param isGeneric                whether this node or an enclosing one has generic parameters
 * @param nestedNodes              named nested declarations (groups and method structs are not listed)
 * @param annotations              annotations applied to the node
 * @param body                     the kind-specific part
 */
public record Node(long id, String displayName, int displayNamePrefixLength, long scopeId, List<String> parameters,
                   boolean isGeneric, List<NestedNode> nestedNodes, List<Annotation> annotations, NodeBody body) {

    /** Copies the lists. */
    public Node {
        parameters = List.copyOf(parameters);
        nestedNodes = List.copyOf(nestedNodes);
        annotations = List.copyOf(annotations);
    }

    /**
     * A named nested declaration.
     *
     * @param name the declared name (the Java class or constant name is derived from it)
     * @param id   id of the nested node
     */
    public record NestedNode(String name, long id) {
    }
}
