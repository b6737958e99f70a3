package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;

class IdentifierRuleTest {

    private static final String LONG = "a".repeat(55);

    @Test
    void namesUpTo63BytesPass() {
        String t63 = "t".repeat(54);
        assertEquals("", Run.validate("entity: Sale\ntable: " + t63 + "\nfields: {at: {type: date, nullable: false}}\n"
                + "partitioning: {strategy: range, column: at, interval: monthly, from: 2024-01-01,"
                + " to: 2024-02-01, default: false}\n").text(), "54 + _p2024_01 is 63 bytes");
    }

    @Test
    void tablePartitionsAndDefault() {
        Run r = Run.validate("entity: Sale\ntable: " + LONG + "\nfields: {at: {type: date, nullable: false}}\n"
                + "partitioning: {strategy: range, column: at, interval: monthly, from: 2024-01-01, to: 2024-03-01}\n");
        // sale_default (63 bytes) fits; the first too-long partition is reported once, not once per month
        assertEquals("""
                a.yaml:4:45: error SG211: partition name "%s_p2024_01" is 64 bytes; PostgreSQL identifiers are at\
                 most 63 bytes
                  hint: shorten the table name with table: or the partition names""".formatted(LONG), r.text());
    }

    @Test
    void everyKindOfName() {
        String f = "f".repeat(64);
        String ix = "i".repeat(64);
        String en = "e".repeat(64);
        String ac = "x".repeat(64);
        Run r = Run.validate("entity: Sale\nfields:\n  " + f + ": text\n  s: {type: enum, values: [a], enum_name: "
                + en + "}\nindexes:\n  - {name: " + ix + ", columns: [s]}\nactions:\n  - {name: " + ac
                + ", pattern: batch/bulk_operation, operation: insert}\n");
        assertEquals("""
                a.yaml:3:3: error SG211: field name "%s" is 64 bytes; PostgreSQL identifiers are at most 63 bytes
                  hint: use a shorter field name
                a.yaml:4:13: error SG211: enum type name "%s" is 64 bytes; PostgreSQL identifiers are at most 63 bytes
                  hint: set a shorter enum_name:
                a.yaml:6:5: error SG211: index name "%s" is 64 bytes; PostgreSQL identifiers are at most 63 bytes
                  hint: use a shorter name:
                a.yaml:8:5: error SG211: action name "%s" is 64 bytes; PostgreSQL identifiers are at most 63 bytes
                  hint: use a shorter action name""".formatted(f, en, ix, ac), r.text());
    }

    @Test
    void multiByteNamesCountBytes() {
        String name = "ä".repeat(32);
        Run r = Run.validate("entity: Sale\nfields:\n  " + name + ": text\n");
        assertEquals("""
                a.yaml:3:3: error SG211: field name "%1$s" is 64 bytes; PostgreSQL identifiers are at most 63 bytes
                  hint: use a shorter field name
                a.yaml:3:3: error SG212: field name "%1$s" is not a lower-case SQL identifier
                  hint: use lower-case letters, digits and underscores, starting with a letter or underscore"""
                .formatted(name), r.text());
    }
}
