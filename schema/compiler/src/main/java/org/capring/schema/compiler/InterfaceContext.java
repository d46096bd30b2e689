package org.capring.schema.compiler;

import java.util.List;
import java.util.Optional;

import org.capring.schema.compiler.model.Node;
import org.capring.schema.compiler.model.NodeBody;

/**
 * What an {@link InterfaceEmitter} gets to know about one interface. Valid only during the
 * {@link InterfaceEmitter#emit} call it is passed to.
 */
public final class InterfaceContext {

    /**
     * One method of the interface.
     *
     * @param ordinal               the method id on the wire (index in the schema's method list)
     * @param name                  the schema name of the method
     * @param constantName          name of its generated {@code int} ordinal constant ({@code METHOD_ADD})
     * @param method                the schema method
     * @param paramStruct           the parameter struct node
     * @param paramJavaReference    Java reference of the parameter struct class ({@code Calc.AddParams} form,
     *                              qualified from the outer class, or fully qualified if in another file)
     * @param resultStruct          the result struct node
     * @param resultJavaReference   Java reference of the result struct class
     */
    public record Method(int ordinal, String name, String constantName, NodeBody.Method method, Node paramStruct,
                         String paramJavaReference, Node resultStruct, String resultJavaReference) {
    }

    /**
     * The members of a class an emitter nests in the interface's class, for claiming their names. Valid only
     * during the {@link InterfaceEmitter#emit} call that created it.
     */
    public static final class Members {

        private final ClassScope scope;
        private final String element;

        Members(final ClassScope scope, final String element) {
            this.scope = scope;
            this.element = element;
        }

        /**
         * @param schemaElement display name of the schema element the next claims come from (a method, an
         *                      enumerant), for the message of a refused claim
         * @return a view of the same members whose refusals name that element
         */
        public Members withElement(final String schemaElement) {
            return new Members(scope, schemaElement);
        }

        /**
         * Claims a class nested in this one and returns its members.
         *
         * @param name the simple name
         * @return the nested class's members
         * @throws SchemaCompileException if the name is taken, names an enclosing class, or is not usable
         */
        public Members claimNestedClass(final String name) {
            return new Members(scope.nested(name, element), element);
        }

        /**
         * @param name a nested class or enum name
         * @throws SchemaCompileException if the name is taken, names an enclosing class, or is not usable
         */
        public void claimNestedType(final String name) {
            scope.claimType(name, element);
        }

        /**
         * @param name a field name
         * @throws SchemaCompileException if the name is taken or not usable
         */
        public void claimField(final String name) {
            scope.claimField(name, element);
        }

        /**
         * @param name           a method name
         * @param parameterTypes parameter types as written, comma-separated ({@code ""} for none)
         * @throws SchemaCompileException if the signature is taken or the name is not usable
         */
        public void claimMethod(final String name, final String parameterTypes) {
            scope.claimMethod(name, parameterTypes, element);
        }
    }

    private final RequestIndex index;
    private final Node node;
    private final String javaPackage;
    private final String javaReference;
    private final List<Method> methods;
    private final ClassScope scope;

    InterfaceContext(final RequestIndex index, final Node node, final String javaPackage, final String javaReference,
                     final List<Method> methods, final ClassScope scope) {
        this.index = index;
        this.node = node;
        this.javaPackage = javaPackage;
        this.javaReference = javaReference;
        this.methods = List.copyOf(methods);
        this.scope = scope;
    }

    /** @return the interface node */
    public Node node() {
        return node;
    }

    /** @return the interface's type id ({@code TYPE_ID}, the {@code interfaceId} of a call) */
    public long typeId() {
        return node.id();
    }

    /** @return the interface's display name, for messages */
    public String displayName() {
        return node.displayName();
    }

    /** @return the Java package of the generated file */
    public String javaPackage() {
        return javaPackage;
    }

    /** @return the interface class, qualified from the outer class ({@code Outer.Calc}) */
    public String javaReference() {
        return javaReference;
    }

    /** @return the methods in ordinal order */
    public List<Method> methods() {
        return methods;
    }

    /** @return ids of the interfaces this one extends */
    public List<Long> superclassIds() {
        return ((NodeBody.Interface) node.body()).superclasses().stream().map(NodeBody.Superclass::id).toList();
    }

    /**
     * @param id a node id of the request
     * @return the node (of any file of the request), or empty when the request has no node with that id
     */
    public Optional<Node> findNode(final long id) {
        return Optional.ofNullable(index.node(id));
    }

    /** @return the members of the interface's class; refusals name the interface */
    public Members members() {
        return new Members(scope, node.displayName());
    }

    /**
     * Claims a class nested in the interface's class and returns its members, so that the names inside it are
     * claimed too.
     *
     * @param name the simple name
     * @return the nested class's members
     * @throws SchemaCompileException if a schema member already uses the name, it names an enclosing class, or it
     *                                is not a usable name
     */
    public Members claimNestedClass(final String name) {
        return new Members(scope.nested(name, node.displayName()), node.displayName());
    }

    /**
     * Claims a nested class or enum name in the interface's class.
     *
     * @param name the simple name
     * @throws SchemaCompileException if a schema member already uses it or it is not a usable name
     */
    public void claimNestedType(final String name) {
        scope.claimType(name, node.displayName());
    }

    /**
     * Claims a field name in the interface's class.
     *
     * @param name the field name
     * @throws SchemaCompileException if a schema member already uses it or it is not a usable name
     */
    public void claimField(final String name) {
        scope.claimField(name, node.displayName());
    }

    /**
     * Claims a static method signature in the interface's class.
     *
     * @param name           the method name
     * @param parameterTypes parameter types as written, comma-separated ({@code ""} for none)
     * @throws SchemaCompileException if the signature is already used or the name is not usable
     */
    public void claimMethod(final String name, final String parameterTypes) {
        scope.claimMethod(name, parameterTypes, node.displayName());
    }
}
