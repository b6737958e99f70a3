package dev.specgen.verify;

import dev.specgen.model.FieldType;

/** How PostgreSQL's format_type() spells the types specgen writes, for the catalog round trip. */
final class Types {
    private Types() {
    }

    static String catalogSpelling(FieldType t) {
        return t.formatType();
    }
}
