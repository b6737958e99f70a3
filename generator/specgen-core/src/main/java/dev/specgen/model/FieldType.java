package dev.specgen.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A column type. Spelling in SQL lives here, in Java, never in templates: {@link #sql()} is the exact PostgreSQL
 * type ({@code numeric(10,2)}, {@code timestamp without time zone} is spelled {@code timestamp}).
 */
public sealed interface FieldType permits FieldType.Simple, FieldType.Numeric, FieldType.Sized, FieldType.Array,
        FieldType.Enum, FieldType.Domain, FieldType.Composite, FieldType.Range, FieldType.Extension {

    String sql();

    /** What a type can do; drives index and partition checks. */
    enum Traits {
        /** values have a natural, physically correlated order (numbers, dates, times): BRIN minmax makes sense. */
        ORDERED,
        /** plain scalar with a btree opclass: GiST/GIN on it needs btree_gist/btree_gin. */
        SCALAR,
        /** GIN works natively (jsonb, arrays, tsvector). */
        GIN_NATIVE,
        /** GiST works natively (ranges, tsvector, geometric, inet). */
        GIST_NATIVE,
        /** temporal type usable for RANGE partitioning by interval. */
        TEMPORAL,
        /** integer type usable for RANGE partitioning by step and for identity. */
        INTEGER
    }

    List<Traits> traits();

    /**
     * The type as PostgreSQL's {@code format_type()} prints it (what the catalog round trip and pgTAP's
     * {@code col_type_is} compare): {@code numeric(10,2)}, {@code character varying(255)},
     * {@code timestamp(3) with time zone}; an enum schema-qualified.
     */
    default String formatType() {
        if (this instanceof Array a) {
            return a.element().formatType() + "[]";
        }
        if (this instanceof Sized s) {
            return (s.base().equals("char") ? "character(" : "character varying(") + s.length() + ")";
        }
        if (this instanceof Numeric n) {
            return n.precision().map(p -> "numeric(" + p + "," + n.scale().orElse(0) + ")").orElse("numeric");
        }
        if (this instanceof Simple s) {
            String p = s.precision().isPresent() ? "(" + s.precision().getAsInt() + ")" : "";
            return switch (s.kind()) {
                case TIMESTAMP -> "timestamp" + p + " without time zone";
                case TIMESTAMPTZ -> "timestamp" + p + " with time zone";
                case TIME -> "time" + p + " without time zone";
                case TIMETZ -> "time" + p + " with time zone";
                case VARCHAR -> "character varying";
                default -> s.sql();
            };
        }
        return sql();
    }

    default boolean has(Traits t) {
        return traits().contains(t);
    }

    /** A built-in type of this kind, whatever its precision ({@code timestamptz} and {@code timestamptz(3)}). */
    default boolean is(Kind kind) {
        return this instanceof Simple s && s.kind() == kind;
    }

    /** Character strings: {@code text}, {@code varchar} and {@code varchar(n)} / {@code char(n)}. */
    default boolean isText() {
        return this instanceof Sized || is(Kind.TEXT) || is(Kind.VARCHAR);
    }

    /**
     * True when the type has a btree operator class, so {@code =}, ORDER BY and DISTINCT ON work on it; json, point
     * and box have none (box's {@code =} compares areas).
     */
    default boolean sortable() {
        return true;
    }

    /** True when the type also has a hash operator class (money and tsvector have none). */
    default boolean hashable() {
        return sortable();
    }

    /** Built-in types without parameters. */
    enum Kind {
        SMALLINT("smallint", Traits.ORDERED, Traits.SCALAR, Traits.INTEGER),
        INTEGER("integer", Traits.ORDERED, Traits.SCALAR, Traits.INTEGER),
        BIGINT("bigint", Traits.ORDERED, Traits.SCALAR, Traits.INTEGER),
        REAL("real", Traits.ORDERED, Traits.SCALAR),
        DOUBLE("double precision", Traits.ORDERED, Traits.SCALAR),
        MONEY("money", Traits.ORDERED, Traits.SCALAR),
        TEXT("text", Traits.SCALAR),
        /** {@code varchar} without a length: text with another name, as existing schemas use it. */
        VARCHAR("varchar", Traits.SCALAR),
        BOOLEAN("boolean", Traits.SCALAR),
        DATE("date", Traits.ORDERED, Traits.SCALAR, Traits.TEMPORAL),
        TIMESTAMP("timestamp", Traits.ORDERED, Traits.SCALAR, Traits.TEMPORAL),
        TIMESTAMPTZ("timestamptz", Traits.ORDERED, Traits.SCALAR, Traits.TEMPORAL),
        TIME("time", Traits.ORDERED, Traits.SCALAR),
        TIMETZ("timetz", Traits.ORDERED, Traits.SCALAR),
        INTERVAL("interval", Traits.ORDERED, Traits.SCALAR),
        UUID("uuid", Traits.SCALAR),
        JSON("json"),
        JSONB("jsonb", Traits.GIN_NATIVE),
        BYTEA("bytea", Traits.SCALAR),
        INET("inet", Traits.SCALAR, Traits.GIST_NATIVE),
        CIDR("cidr", Traits.SCALAR, Traits.GIST_NATIVE),
        MACADDR("macaddr", Traits.SCALAR),
        TSVECTOR("tsvector", Traits.GIN_NATIVE, Traits.GIST_NATIVE),
        INT4RANGE("int4range", Traits.GIST_NATIVE),
        INT8RANGE("int8range", Traits.GIST_NATIVE),
        NUMRANGE("numrange", Traits.GIST_NATIVE),
        DATERANGE("daterange", Traits.GIST_NATIVE),
        TSRANGE("tsrange", Traits.GIST_NATIVE),
        TSTZRANGE("tstzrange", Traits.GIST_NATIVE),
        POINT("point", Traits.GIST_NATIVE),
        BOX("box", Traits.GIST_NATIVE),
        /** An object identifier as a number (catalog references kept by applications, e.g. a type's oid). */
        OID("oid", Traits.ORDERED, Traits.SCALAR),
        /** Object identifier types: stored as an oid, written and read as a name. */
        REGCLASS("regclass", Traits.SCALAR),
        REGTYPE("regtype", Traits.SCALAR),
        REGPROC("regproc", Traits.SCALAR),
        REGPROCEDURE("regprocedure", Traits.SCALAR),
        REGOPER("regoper", Traits.SCALAR),
        REGOPERATOR("regoperator", Traits.SCALAR),
        REGROLE("regrole", Traits.SCALAR),
        REGNAMESPACE("regnamespace", Traits.SCALAR),
        REGCONFIG("regconfig", Traits.SCALAR),
        REGDICTIONARY("regdictionary", Traits.SCALAR),
        REGCOLLATION("regcollation", Traits.SCALAR);

        private final String sql;
        private final List<Traits> traits;

        Kind(String sql, Traits... traits) {
            this.sql = sql;
            this.traits = List.of(traits);
        }

        public String sql() {
            return sql;
        }

        public List<Traits> traits() {
            return traits;
        }

        /** Takes a fractional-seconds precision: {@code timestamptz(3)}, {@code time(0)}, {@code interval(6)}. */
        public boolean takesPrecision() {
            return this == TIMESTAMP || this == TIMESTAMPTZ || this == TIME || this == TIMETZ || this == INTERVAL;
        }
    }

    /**
     * A built-in type without parameters, or with a fractional-seconds precision ({@code timestamptz(3)}: only
     * where {@link Kind#takesPrecision()}).
     */
    record Simple(Kind kind, OptionalInt precision) implements FieldType {
        public Simple {
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(precision, "precision == null");
            if (precision.isPresent() && !kind.takesPrecision()) {
                throw new IllegalArgumentException(kind + " takes no precision");
            }
        }

        public Simple(Kind kind) {
            this(kind, OptionalInt.empty());
        }

        @Override
        public String sql() {
            return precision.isPresent() ? kind.sql() + "(" + precision.getAsInt() + ")" : kind.sql();
        }

        @Override
        public List<Traits> traits() {
            return kind.traits();
        }

        @Override
        public boolean sortable() {
            return kind != Kind.JSON && kind != Kind.POINT && kind != Kind.BOX;
        }

        @Override
        public boolean hashable() {
            return sortable() && kind != Kind.MONEY && kind != Kind.TSVECTOR;
        }
    }

    /** {@code numeric}, {@code numeric(12)}, {@code numeric(10,2)}; {@code decimal(p,s)} maps here. */
    record Numeric(Optional<Integer> precision, Optional<Integer> scale) implements FieldType {
        public Numeric {
            Objects.requireNonNull(precision, "precision == null");
            Objects.requireNonNull(scale, "scale == null");
        }

        @Override
        public String sql() {
            if (precision.isEmpty()) {
                return "numeric";
            }
            return scale.map(s -> "numeric(" + precision.get() + "," + s + ")")
                    .orElseGet(() -> "numeric(" + precision.get() + ")");
        }

        @Override
        public List<Traits> traits() {
            return List.of(Traits.ORDERED, Traits.SCALAR);
        }
    }

    /** {@code varchar(n)} and {@code char(n)}. */
    record Sized(String base, int length) implements FieldType {
        public Sized {
            Objects.requireNonNull(base, "base == null");
        }

        @Override
        public String sql() {
            return base + "(" + length + ")";
        }

        @Override
        public List<Traits> traits() {
            return List.of(Traits.SCALAR);
        }
    }

    /** {@code text[]}, {@code integer[]}. */
    record Array(FieldType element) implements FieldType {
        public Array {
            Objects.requireNonNull(element, "element == null");
        }

        @Override
        public String sql() {
            return element.sql() + "[]";
        }

        @Override
        public boolean sortable() {
            return element.sortable();
        }

        @Override
        public boolean hashable() {
            return element.hashable();
        }

        @Override
        public List<Traits> traits() {
            return List.of(Traits.GIN_NATIVE);
        }
    }

    /**
     * An enum: {@code enum(pending, paid, shipped)} or long form {@code type: enum, values: [...]}. The SQL type is
     * created in the entity's schema as {@code typeName} ({@code <table>_<field>} unless {@code enum_name} is
     * given); {@code schema} is that schema.
     */
    record Enum(String schema, String typeName, List<String> values) implements FieldType {
        public Enum {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(typeName, "typeName == null");
            values = List.copyOf(values);
        }

        /** Qualified, each part quoted where needed. */
        @Override
        public String sql() {
            return Sql.qualified(schema, typeName);
        }

        @Override
        public List<Traits> traits() {
            return List.of(Traits.ORDERED, Traits.SCALAR);
        }
    }

    /**
     * A domain declared in {@code types:} ({@code {name: positive_amount, domain: numeric(12,2)}}), created in
     * {@code schema}. {@code checks} are its CHECK expressions as written (about {@code VALUE}), for seeding.
     */
    record Domain(String schema, String name, FieldType base, boolean notNull, List<String> checks)
            implements FieldType {
        public Domain {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(base, "base == null");
            checks = List.copyOf(checks);
        }

        @Override
        public String sql() {
            return Sql.qualified(schema, name);
        }

        @Override
        public List<Traits> traits() {
            return base.traits();
        }

        @Override
        public boolean sortable() {
            return base.sortable();
        }

        @Override
        public boolean hashable() {
            return base.hashable();
        }
    }

    /** A composite type declared in {@code types:}: ordered attributes. */
    record Composite(String schema, String name, List<Attribute> attributes) implements FieldType {
        public Composite {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(name, "name == null");
            attributes = List.copyOf(attributes);
        }

        @Override
        public String sql() {
            return Sql.qualified(schema, name);
        }

        @Override
        public List<Traits> traits() {
            return List.of();
        }

        /** Record comparison: btree (and hashing) work when every attribute's type has them. */
        @Override
        public boolean sortable() {
            return attributes.stream().allMatch(a -> a.type().sortable());
        }

        @Override
        public boolean hashable() {
            return attributes.stream().allMatch(a -> a.type().hashable());
        }
    }

    /** One attribute of a {@link Composite}. */
    record Attribute(String name, FieldType type) {
        public Attribute {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(type, "type == null");
        }
    }

    /**
     * A range type declared in {@code types:} over {@code subtype}, or ({@code multi}) the multirange PostgreSQL
     * creates with it, named {@code multirangeName}.
     */
    record Range(String schema, String name, String multirangeName, FieldType subtype, boolean multi)
            implements FieldType {
        public Range {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(multirangeName, "multirangeName == null");
            Objects.requireNonNull(subtype, "subtype == null");
        }

        /**
         * The multirange's name as PostgreSQL makes it: the first {@code range} in the name replaced by
         * {@code multirange}, or {@code _multirange} appended.
         */
        public static String multirangeOf(String range) {
            int at = range.indexOf("range");
            return at < 0 ? range + "_multirange" : range.substring(0, at) + "multirange" + range.substring(at + 5);
        }

        @Override
        public String sql() {
            return Sql.qualified(schema, multi ? multirangeName : name);
        }

        @Override
        public List<Traits> traits() {
            return List.of(Traits.GIST_NATIVE);
        }
    }

    /**
     * A type of a contrib extension the run declares ({@code citext}, {@code hstore}, {@code ltree}...), written
     * qualified with the schema the install creates the extension in, so it does not depend on the search_path.
     */
    record Extension(String schema, String name, String extension) implements FieldType {
        public Extension {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(extension, "extension == null");
        }

        @Override
        public String sql() {
            return Sql.qualified(schema, name);
        }

        @Override
        public List<Traits> traits() {
            return List.of();
        }

        /** lquery and ltxtquery are patterns: no btree operator class. */
        @Override
        public boolean sortable() {
            return !name.equals("lquery") && !name.equals("ltxtquery");
        }
    }
}
