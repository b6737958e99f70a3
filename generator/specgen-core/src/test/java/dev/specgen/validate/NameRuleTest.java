package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NameRule (SG212) and NamespaceRule (SG202). */
class NameRuleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unit_price | ",
        "_hidden2 | ",
        "unitPrice | a.yaml:3:3: error SG212: field name \"unitPrice\" is not a lower-case SQL identifier\\n"
                + "  hint: use \"unit_price\"",
        "Unit Price | a.yaml:3:3: error SG212: field name \"Unit Price\" is not a lower-case SQL identifier\\n"
                + "  hint: use \"unit_price\"",
        "unit-price | a.yaml:3:3: error SG212: field name \"unit-price\" is not a lower-case SQL identifier\\n"
                + "  hint: use \"unit_price\"",
        "2nd | a.yaml:3:3: error SG212: field name \"2nd\" is not a lower-case SQL identifier\\n"
                + "  hint: use lower-case letters, digits and underscores, starting with a letter or underscore",
        "order | a.yaml:3:3: warning SG212: field name \"order\" is a reserved word in PostgreSQL\\n  hint: specgen"
                + " quotes it (\"order\") in generated SQL, and hand-written queries must quote it too; consider"
                + " another name",
    })
    void fieldNames(String name, String expected) {
        Run r = Run.validate("entity: Sale\nfields:\n  " + name + ": bigint\n");
        assertEquals(expected == null ? "" : expected.replace("\\n", "\n"), r.text());
    }

    @Test
    void otherNames() {
        Run r = Run.validate("""
                entity: Sale
                fields:
                  state: {type: enum, values: [a], enum_name: SaleState}
                indexes:
                  - {name: IdxState, columns: [state]}
                actions:
                  - {name: Bulk, pattern: batch/bulk_operation, operation: insert}
                materialized_view: {name: select, query: "SELECT 1 AS x"}
                """);
        assertEquals("""
                a.yaml:3:17: error SG212: enum type name "SaleState" is not a lower-case SQL identifier
                  hint: use "sale_state"
                a.yaml:5:5: error SG212: index name "IdxState" is not a lower-case SQL identifier
                  hint: use "idx_state"
                a.yaml:7:5: error SG212: action name "Bulk" is not a lower-case SQL identifier
                  hint: use "bulk"
                a.yaml:8:27: warning SG212: materialized view name "select" is a reserved word in PostgreSQL
                  hint: specgen quotes it ("select") in generated SQL, and hand-written queries must quote it too;\
                 consider another name""", r.text());
    }

    @Test
    void duplicateEntitiesAndTables() {
        Run r = Run.validate("entity: Sale\nfields: {id: bigint}\n", "entity: Sale\nfields: {id: bigint}\n",
                "entity: Sales\ntable: sale\nfields: {id: bigint}\n",
                "entity: Sale2\nschema: other\ntable: sale\nfields: {id: bigint}\n");
        assertEquals("""
                b.yaml:1:9: error SG202: entity Sale is defined twice (first at a.yaml:1:9)
                c.yaml:2:8: error SG202: name "public.sale" of the table of entity Sales is already used by the table\
                 of entity Sale (a.yaml:1:9)""", r.text(), "a clash of table: is reported at its value");
    }

    @Test
    void columnNameKeywordsAreQuotedWithAWarning() {
        // time, position, values...: fine as column names in PostgreSQL, but not bare as a type's schema (time.x)
        Run r = Run.validate("entity: Sale\nschema: time\nfields: {position: integer, kind: \"enum(a, b)\"}\n");
        assertEquals("""
                a.yaml:2:9: warning SG212: schema name "time" is a key word in PostgreSQL
                  hint: specgen quotes it ("time") in generated SQL, as quote_ident() does; it cannot be written bare\
                 as a type or function name (or their schema); consider another name
                a.yaml:3:10: warning SG212: field name "position" is a key word in PostgreSQL
                  hint: specgen quotes it ("position") in generated SQL, as quote_ident() does; it cannot be written\
                 bare as a type or function name (or their schema); consider another name""", r.text());
        assertEquals("\"time\".sale_kind", r.entity().field("kind").orElseThrow().type().sql());
    }

    @Test
    void oneNamespacePerSchemaForRelationsAndTypes() {
        Run r = Run.validate("""
                entity: Sale
                fields:
                  at: {type: date, nullable: false}
                  kind: {type: enum, values: [a, b], enum_name: shared_kind}
                indexes:
                  - {name: sale_p2024, columns: [at]}
                  - {name: customer, columns: [kind]}
                partitioning: {strategy: range, column: at, interval: yearly, from: 2024-01-01, to: 2025-01-01}
                materialized_view: {name: sale_default, query: "SELECT 1 AS x"}
                actions:
                  - {name: load, pattern: batch/bulk_operation, operation: insert}
                """, """
                entity: Customer
                fields:
                  kind: {type: enum, values: [a, b], enum_name: shared_kind}
                  other: {type: enum, values: [x], enum_name: shared_kind}
                actions:
                  - {name: load, pattern: batch/bulk_operation, operation: insert}
                """);
        assertEquals("""
                a.yaml:6:5: error SG202: name "public.sale_p2024" of the index is already used by the partition\
                 (a.yaml:8:45)
                a.yaml:9:27: error SG202: name "public.sale_default" of the materialized view is already used by the\
                 default partition (a.yaml:8:15)
                b.yaml:1:9: error SG202: name "public.customer" of the table of entity Customer is already used by the\
                 index (a.yaml:7:5)
                b.yaml:4:17: error SG202: name "public.shared_kind" of the enum type of field Customer.other is already\
                 used by the enum type of field Sale.kind with other values (a.yaml:4:16)
                b.yaml:6:5: error SG202: name "public.load" of the action is already used by the action (a.yaml:11:5)""",
                r.text());
    }
}
