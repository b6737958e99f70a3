package dev.specgen.verify;

import dev.specgen.model.FieldType;

/** How PostgreSQL's format_type() spells the types specgen writes, for the catalog round trip. */
final class Types {
    private Types() {
    }

    static String catalogSpelling(FieldType t) {
        if (t instanceof FieldType.Array a) {
            return catalogSpelling(a.element()) + "[]";
        }
        if (t instanceof FieldType.Sized s) {
            return (s.base().equals("varchar") ? "character varying" : "character") + "(" + s.length() + ")";
        }
        if (t instanceof FieldType.Simple s) {
            return switch (s.kind()) {
                case TIMESTAMP -> "timestamp without time zone";
                case TIMESTAMPTZ -> "timestamp with time zone";
                case TIME -> "time without time zone";
                case TIMETZ -> "time with time zone";
                default -> s.kind().sql();
            };
        }
        if (t instanceof FieldType.Numeric n && n.precision().isPresent() && n.scale().isEmpty()) {
            return "numeric(" + n.precision().get() + ",0)";
        }
        return t.sql();
    }
}
