package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Field;
import dev.specgen.model.Field.Identity;
import dev.specgen.model.Reference;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldBuilderTest {

    private static Field only(String fieldYaml) {
        Run r = Run.build("entity: Sale\nfields:\n  f: " + fieldYaml + "\n");
        assertEquals("", r.text());
        return r.entity().fields().get(0);
    }

    @Test
    void shorthandIsNullableWithoutDefault() {
        Field f = only("integer");
        assertEquals(true, f.nullable());
        assertEquals(false, f.nullableExplicit());
        assertEquals(Optional.empty(), f.defaultSql());
        assertEquals(new SourcePos("a.yaml", 3, 3), f.pos());
        assertEquals(new SourcePos("a.yaml", 3, 6), f.typePos());
        assertEquals(f.pos(), f.checkPos());
        assertEquals(f.pos(), f.seedPos());
    }

    @Test
    void longForm() {
        Field f = only("{type: text, nullable: false, unique: true, check: \"length(f) > 0\", comment: Hi}");
        assertEquals(false, f.nullable());
        assertEquals(true, f.nullableExplicit());
        assertEquals(true, f.unique());
        assertEquals(Optional.of("length(f) > 0"), f.check());
        assertEquals(Optional.of("Hi"), f.comment());
        assertEquals(new SourcePos("a.yaml", 3, 13), f.typePos());
        assertEquals(new SourcePos("a.yaml", 3, 57), f.checkPos());
        assertEquals(f.pos(), f.seedPos());
    }

    @Test
    void checkAndSeedPositionsAreTheValues() {
        Run r = Run.build("""
                entity: Sale
                fields:
                  f:
                    type: integer
                    check: "f > 0"
                    seed:   i * 2
                  g: {type: integer, seed: i}
                """);
        assertEquals("", r.text());
        Field f = r.entity().fields().get(0);
        assertEquals(new SourcePos("a.yaml", 3, 3), f.pos());
        assertEquals(new SourcePos("a.yaml", 5, 12), f.checkPos());
        assertEquals(new SourcePos("a.yaml", 6, 13), f.seedPos());
        Field g = r.entity().fields().get(1);
        assertEquals(g.pos(), g.checkPos());
        assertEquals(new SourcePos("a.yaml", 7, 28), g.seedPos());
    }

    @ParameterizedTest(name = "default: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "0 | 0", "1.50 | 1.50", "now() | now()", "true | true", "`\"'new'\"` | 'new'", "current_date | current_date",
        "null | NULL", "`\"gen_random_uuid()\"` | gen_random_uuid()",
    })
    void defaultsAreSqlAsWritten(String yaml, String sql) {
        assertEquals(Optional.of(sql), only("{type: text, default: " + yaml + "}").defaultSql());
    }

    @ParameterizedTest(name = "identity: {0}")
    @CsvSource(delimiter = '|', value = {"always | ALWAYS", "by default | BY_DEFAULT", "BY DEFAULT | BY_DEFAULT",
        "true | BY_DEFAULT", "false | NONE"})
    void identity(String yaml, Identity identity) {
        Field f = only("{type: bigint, identity: " + yaml + "}");
        assertEquals(identity, f.identity());
        assertEquals(identity == Identity.NONE, f.nullable(), "identity implies NOT NULL");
    }

    @Test
    void references() {
        assertEquals(new Reference("Customer", Optional.empty(), Optional.empty(), Optional.empty(),
                new SourcePos("a.yaml", 3, 33)), only("{type: bigint, references: Customer}").references().get());
        assertEquals(new Reference("Customer", Optional.of("customer_id"), Optional.empty(), Optional.empty(),
                new SourcePos("a.yaml", 3, 33)),
                only("{type: bigint, references: Customer.customer_id}").references().get());
        assertEquals(new Reference("Customer", Optional.of("id"), Optional.of("set null"), Optional.of("cascade"),
                new SourcePos("a.yaml", 3, 42)), only("{type: bigint, references: {entity: Customer, field: id,"
                        + " on_delete: SET NULL, on_update: cascade}}").references().get());
    }

    @Test
    void badValues() {
        Run r = Run.build("""
                entity: Sale
                fields:
                  a: {type: bigint, nullable: "no", identity: sometimes}
                  b: {type: bigint, references: {field: id, on_delete: delete}}
                  c: {type: bigint, default: [1]}
                  d:
                  e: [bigint]
                  f: {nullable: false}
                """);
        assertEquals("""
                a.yaml:3:31: error SG107: "nullable" must be true or false, found the string "no"
                  hint: YAML 1.2 reads yes/no/on/off as strings; write true or false
                a.yaml:3:47: error SG109: identity "sometimes" is not one of always, by default
                a.yaml:4:33: error SG108: missing required key "entity" in references
                a.yaml:4:56: error SG109: on_delete "delete" is not one of cascade, restrict, set null, set default,\
                 no action
                a.yaml:5:30: error SG107: "default" must be an SQL expression, found a list
                a.yaml:6:5: error SG107: field "d" must be a type or a mapping, found null
                a.yaml:7:6: error SG107: field "e" must be a type or a mapping, found a list
                a.yaml:8:6: error SG108: missing required key "type" in field "f\"""", r.text());
    }
}
