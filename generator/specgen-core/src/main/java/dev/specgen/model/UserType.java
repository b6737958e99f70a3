package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A type an entity document declares under {@code types:}, created in the entity's schema before any table of the
 * run: a domain, a composite, a range (with its multirange) or an enum. {@link #type()} is what a field that names
 * it gets; {@code pos} is the declaration's {@code name:} position.
 */
public sealed interface UserType permits UserType.Domain, UserType.Composite, UserType.Range, UserType.Enum {

    FieldType type();

    SourcePos pos();

    /** The types this one is made of (a domain's base, attributes, a range's subtype), arrays unwrapped. */
    List<FieldType> parts();

    /** The schema it is created in. */
    default String schema() {
        return parts(type())[0];
    }

    default String name() {
        return parts(type())[1];
    }

    /** Schema and name of a declared type. */
    private static String[] parts(FieldType t) {
        if (t instanceof FieldType.Domain d) {
            return new String[] {d.schema(), d.name()};
        }
        if (t instanceof FieldType.Composite c) {
            return new String[] {c.schema(), c.name()};
        }
        if (t instanceof FieldType.Range r) {
            return new String[] {r.schema(), r.name()};
        }
        FieldType.Enum e = (FieldType.Enum) t;
        return new String[] {e.schema(), e.typeName()};
    }

    /** One CHECK of a domain: {@code name} when the spec gives one, the expression about {@code VALUE}. */
    record Check(Optional<String> name, String expression, SourcePos pos) {
        public Check {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(expression, "expression == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    /** {@code defaultPos}/{@code basePos}: positions of {@code default:} and the base type (else {@code pos}). */
    record Domain(FieldType.Domain type, Optional<String> defaultSql, Optional<String> collation, List<Check> checks,
            SourcePos pos, SourcePos basePos, SourcePos defaultPos) implements UserType {
        public Domain {
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(defaultSql, "defaultSql == null");
            Objects.requireNonNull(collation, "collation == null");
            checks = List.copyOf(checks);
            Objects.requireNonNull(pos, "pos == null");
            Objects.requireNonNull(basePos, "basePos == null");
            Objects.requireNonNull(defaultPos, "defaultPos == null");
        }

        public List<FieldType> parts() {
            return List.of(type.base());
        }
    }

    record Composite(FieldType.Composite type, SourcePos pos) implements UserType {
        public Composite {
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(pos, "pos == null");
        }

        public List<FieldType> parts() {
            return type.attributes().stream().map(FieldType.Attribute::type).toList();
        }
    }

    record Range(FieldType.Range type, SourcePos pos, SourcePos subtypePos) implements UserType {
        public Range {
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(pos, "pos == null");
            Objects.requireNonNull(subtypePos, "subtypePos == null");
        }

        public List<FieldType> parts() {
            return List.of(type.subtype());
        }
    }

    record Enum(FieldType.Enum type, SourcePos pos) implements UserType {
        public Enum {
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(pos, "pos == null");
        }

        public List<FieldType> parts() {
            return List.of();
        }
    }
}
