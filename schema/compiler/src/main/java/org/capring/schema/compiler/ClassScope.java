package org.capring.schema.compiler;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The members of one generated Java class, used to refuse every name that javac would reject or that would
 * silently shadow something the generated code refers to: duplicate nested types, fields or method signatures,
 * a nested class named like an enclosing class, and a class named like a package root that generated code
 * spells out ({@code java}, {@code org}, the roots of referenced packages). Not thread-safe.
 */
final class ClassScope {

    private final ClassScope enclosing;
    private final String name;
    private final Set<String> packageRoots;
    private final Map<String, String> types = new HashMap<>();
    private final Map<String, String> fields = new HashMap<>();
    private final Map<String, String> methods = new HashMap<>();

    private ClassScope(final ClassScope enclosing, final String name, final Set<String> packageRoots) {
        this.enclosing = enclosing;
        this.name = name;
        this.packageRoots = packageRoots;
    }

    /**
     * @param outerClass   name of the file's outer class
     * @param packageRoots first segments of packages that generated code names in expressions
     * @return the scope of the outer class
     */
    static ClassScope outer(final String outerClass, final Set<String> packageRoots) {
        return new ClassScope(null, outerClass, packageRoots);
    }

    /**
     * @param enumName name of a generated enum (its scope name was claimed by the enclosing class)
     * @return a scope for the enum's constants
     */
    static ClassScope enumConstants(final String enumName) {
        return new ClassScope(null, enumName, Set.of());
    }

    /**
     * Claims a nested class and returns its scope.
     *
     * @param simpleName the nested class's name
     * @param element    display name of the schema element it comes from
     * @return the nested class's scope
     * @throws SchemaCompileException if the name is invalid or clashes
     */
    ClassScope nested(final String simpleName, final String element) {
        claimType(simpleName, element);
        return new ClassScope(this, simpleName, packageRoots);
    }

    /**
     * Claims a nested type name (class or enum) without opening a scope for it.
     *
     * @param simpleName the name
     * @param element    display name of the schema element it comes from
     * @throws SchemaCompileException if the name is invalid or clashes
     */
    void claimType(final String simpleName, final String element) {
        if (!Names.isIdentifier(simpleName)) {
            throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_NAME, element,
                    "'" + simpleName + "' is not a usable Java class name");
        }
        for (ClassScope scope = this; scope != null; scope = scope.enclosing) {
            if (scope.name.equals(simpleName)) {
                throw new SchemaCompileException(SchemaCompileException.Reason.NAME_CLASH, element,
                        "Java class '" + simpleName + "' would be nested in a class of the same name ("
                                + scope.path() + ")");
            }
        }
        if (packageRoots.contains(simpleName)) {
            throw new SchemaCompileException(SchemaCompileException.Reason.NAME_CLASH, element,
                    "Java class '" + simpleName + "' would hide the package '" + simpleName
                            + "' that generated code refers to");
        }
        claim(types, simpleName, element, "nested type");
    }

    /**
     * Claims a field name.
     *
     * @param fieldName the name
     * @param element   display name of the schema element it comes from
     * @throws SchemaCompileException if the name is invalid or clashes
     */
    void claimField(final String fieldName, final String element) {
        if (!Names.isIdentifier(fieldName)) {
            throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_NAME, element,
                    "'" + fieldName + "' is not a usable Java field name");
        }
        claim(fields, fieldName, element, "field");
    }

    /**
     * Claims a method signature.
     *
     * @param methodName     the method's name
     * @param parameterTypes its parameter types, comma-separated, as written in the source ({@code ""} for none)
     * @param element        display name of the schema element it comes from
     * @throws SchemaCompileException if the name is invalid or the signature clashes
     */
    void claimMethod(final String methodName, final String parameterTypes, final String element) {
        if (!Names.isMethodName(methodName)) {
            throw new SchemaCompileException(SchemaCompileException.Reason.INVALID_NAME, element,
                    "'" + methodName + "' is not a usable Java method name");
        }
        claim(methods, methodName + "(" + parameterTypes + ")", element, "method");
    }

    /** @return the dotted class path from the outer class, for messages */
    String path() {
        return enclosing == null ? name : enclosing.path() + "." + name;
    }

    private void claim(final Map<String, String> names, final String member, final String element,
                       final String what) {
        final String previous = names.putIfAbsent(member, element);
        if (previous != null) {
            throw new SchemaCompileException(SchemaCompileException.Reason.NAME_CLASH, element,
                    "Java " + what + " '" + member + "' of class " + path() + " is already generated for "
                            + previous);
        }
    }
}
