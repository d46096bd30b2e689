package org.capring.schema.compiler.model;

import java.util.List;

/** The kind-specific part of a {@link Node}, one record per member of the {@code Node} union. */
public sealed interface NodeBody {

    /** A file node (union tag 0). */
    record File() implements NodeBody {
    }

    /**
     * A struct or group (union tag 1).
     *
     * @param dataWordCount          data section size in 64-bit words
     * @param pointerCount           number of pointers
     * @param preferredListEncoding  obsolete element-size hint (raw {@code ElementSize} value)
     * @param isGroup                whether this is a group of its scope struct
     * @param discriminantCount      number of members of this struct's unnamed union (0 = no union)
     * @param discriminantOffset     offset of the union tag in 16-bit units, from the start of the
     *                               top-level struct's data section
     * @param fields                 fields in ordinal order (union members in discriminant order)
     */
    record Struct(int dataWordCount, int pointerCount, int preferredListEncoding, boolean isGroup,
                  int discriminantCount, long discriminantOffset, List<Field> fields) implements NodeBody {

        /** Copies the list. */
        public Struct {
            fields = List.copyOf(fields);
        }
    }

    /**
     * An enum (union tag 2).
     *
     * @param enumerants enumerants in numeric order
     */
    record Enum(List<Enumerant> enumerants) implements NodeBody {

        /** Copies the list. */
        public Enum {
            enumerants = List.copyOf(enumerants);
        }
    }

    /**
     * An interface (union tag 3).
     *
     * @param methods      methods in ordinal (method id) order
     * @param superclasses interfaces this one extends
     */
    record Interface(List<Method> methods, List<Superclass> superclasses) implements NodeBody {

        /** Copies the lists. */
        public Interface {
            methods = List.copyOf(methods);
            superclasses = List.copyOf(superclasses);
        }
    }

    /**
     * A constant (union tag 4).
     *
     * @param type  declared type
     * @param value the value
     */
    record Const(Type type, Value value) implements NodeBody {
    }

    /**
     * An annotation declaration (union tag 5).
     *
     * @param type    type of the annotation's value
     * @param targets bit set of targets: bit 0 = file, 1 = const, 2 = enum, 3 = enumerant, 4 = struct,
     *                5 = field, 6 = union, 7 = group, 8 = interface, 9 = method, 10 = param, 11 = annotation
     */
    record AnnotationDecl(Type type, int targets) implements NodeBody {
    }

    /**
     * A node kind this generator does not know.
     *
     * @param tag the raw union tag
     */
    record Unknown(int tag) implements NodeBody {
    }

    /**
     * A field of a struct or group.
     *
     * @param name              field name
     * @param codeOrder         declaration order
     * @param annotations       annotations on the field
     * @param discriminantValue union tag selecting this field, or {@link #NO_DISCRIMINANT}
     * @param kind              slot or group
     * @param ordinalTag        0 = implicit ordinal (groups), 1 = explicit, anything else unknown
     * @param explicitOrdinal   the {@code @n} number when {@code ordinalTag == 1}, else 0
     */
    record Field(String name, int codeOrder, List<Annotation> annotations, int discriminantValue, FieldKind kind,
                 int ordinalTag, int explicitOrdinal) {

        /** {@link #discriminantValue()} of a field that is not a union member. */
        public static final int NO_DISCRIMINANT = 0xFFFF;

        /** Copies the list. */
        public Field {
            annotations = List.copyOf(annotations);
        }

        /** @return whether the field is a member of its struct's (or group's) union */
        public boolean inUnion() {
            return discriminantValue != NO_DISCRIMINANT;
        }
    }

    /** What a field holds: a slot, a group, or something unknown. */
    sealed interface FieldKind {
    }

    /**
     * A field with its own storage.
     *
     * @param offset             in units of the type's width (bits for Bool); pointer index for pointer types
     * @param type               field type
     * @param defaultValue       default value (a null pointer in the request reads as Void, as capnp defines)
     * @param hadExplicitDefault whether the schema spelled out a default
     */
    record Slot(long offset, Type type, Value defaultValue, boolean hadExplicitDefault) implements FieldKind {
    }

    /**
     * A group field.
     *
     * @param typeId id of the group's struct node
     */
    record Group(long typeId) implements FieldKind {
    }

    /**
     * A field kind this generator does not know.
     *
     * @param tag the raw union tag
     */
    record UnknownFieldKind(int tag) implements FieldKind {
    }

    /**
     * A member of an enum.
     *
     * @param name        enumerant name
     * @param codeOrder   declaration order
     * @param annotations annotations on the enumerant
     */
    record Enumerant(String name, int codeOrder, List<Annotation> annotations) {

        /** Copies the list. */
        public Enumerant {
            annotations = List.copyOf(annotations);
        }
    }

    /**
     * A method of an interface.
     *
     * @param name               method name
     * @param codeOrder          declaration order
     * @param implicitParameters names of generic method parameters
     * @param paramStructType    id of the parameter struct
     * @param paramBrand         brand of the parameter struct
     * @param resultStructType   id of the result struct
     * @param resultBrand        brand of the result struct
     * @param annotations        annotations on the method
     */
    record Method(String name, int codeOrder, List<String> implicitParameters, long paramStructType,
                  Brand paramBrand, long resultStructType, Brand resultBrand, List<Annotation> annotations) {

        /** Copies the lists. */
        public Method {
            implicitParameters = List.copyOf(implicitParameters);
            annotations = List.copyOf(annotations);
        }
    }

    /**
     * An interface that an interface extends.
     *
     * @param id    id of the superclass interface
     * @param brand its brand
     */
    record Superclass(long id, Brand brand) {
    }
}
