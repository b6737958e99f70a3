package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Named;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntityBuilderTest {

    @Test
    void defaults() {
        Run r = Run.build("entity: SalesTransaction\nfields:\n  id: bigint\n");
        assertEquals("", r.text());
        Entity e = r.entity();
        assertEquals("SalesTransaction", e.name());
        assertEquals("public", e.schema());
        assertEquals("sales_transaction", e.table());
        assertEquals(Optional.empty(), e.description());
        assertEquals(new SourcePos("a.yaml", 1, 9), e.pos());
        assertEquals(List.of(), e.primaryKey());
        assertTrue(e.partitioning().isEmpty());
        assertTrue(e.storage().params().isEmpty());
    }

    @Test
    void schemaTableDescription() {
        Run r = Run.build("""
                entity: Sale
                schema: analytics
                table: sales
                description: "All sales"
                fields: {id: bigint}
                """);
        assertEquals("", r.text());
        assertEquals("analytics", r.entity().schema());
        assertEquals("sales", r.entity().table());
        assertEquals(Optional.of("All sales"), r.entity().description());
    }

    @Test
    void everyDocumentIsAnEntity() {
        Run r = Run.build("entity: A\nfields: {id: bigint}\n---\nentity: B\nfields: {id: bigint}\n",
                "entity: C\nfields: {id: bigint}\n");
        assertEquals(List.of("A", "B", "C"), r.model.entities().stream().map(Entity::name).toList());
        assertEquals("b.yaml", r.model.entities().get(2).pos().file());
    }

    @Test
    void unknownKeysWithSuggestions() {
        Run r = Run.build("""
                entity: Sale
                fields:
                  id: {type: bigint, nulable: false}
                indexs: []
                Fields: {}
                colour: red
                """);
        assertEquals("""
                a.yaml:3:22: error SG106: unknown key "nulable" in field "id" (did you mean "nullable"?)
                a.yaml:4:1: error SG106: unknown key "indexs" in entity (did you mean "indexes"?)
                a.yaml:5:1: error SG106: unknown key "Fields" in entity (did you mean "fields"?)
                a.yaml:6:1: error SG106: unknown key "colour" in entity""", r.text());
        assertEquals(1, r.entity().fields().size(), "the rest of the entity is still built");
    }

    @Test
    void misspelledRequiredKeyIsReportedOnce() {
        // the unknown key with its did-you-mean, not also "missing required key" for the key it stands for
        Run r = Run.build("""
                entity: Sale
                feilds:
                  id: bigint
                indexes:
                  - {colums: [id]}
                partitioning:
                  strategy: hash
                  column: id
                  modulos: 4
                actions:
                  - {name: load, patern: batch/bulk_operation}
                """);
        assertEquals("""
                a.yaml:2:1: error SG106: unknown key "feilds" in entity (did you mean "fields"?)
                a.yaml:5:6: error SG106: unknown key "colums" in index (did you mean "columns"?)
                a.yaml:9:3: error SG106: unknown key "modulos" in partitioning (did you mean "modulus"?)
                a.yaml:11:18: error SG106: unknown key "patern" in action "load" (did you mean "pattern"?)""",
                r.text());
    }

    @Test
    void mergeKeysAreNotSupported() {
        Run r = Run.build("""
                entity: Sale
                fields:
                  price:
                    <<: {type: bigint}
                    nullable: false
                """);
        assertEquals("a.yaml:4:5: error SG110: merge keys (<<) are YAML 1.1 and not supported; write the keys out",
                r.text(), "and no \"missing required key\" for what the merge would have brought");
    }

    @Test
    void wrongKinds() {
        Run r = Run.build("""
                entity: Sale
                fields: [id]
                indexes: {name: x}
                partitioning: range
                storage: 10
                actions: {}
                description: [a]
                """);
        assertEquals("""
                a.yaml:2:9: error SG107: "fields" must be a mapping, found a list
                a.yaml:3:10: error SG107: "indexes" must be a list, found a mapping
                a.yaml:4:15: error SG107: "partitioning" must be a mapping, found the string "range"
                a.yaml:5:10: error SG107: "storage" must be a mapping, found an integer
                a.yaml:6:10: error SG107: "actions" must be a list, found a mapping
                a.yaml:7:14: error SG107: "description" must be a string, found a list""", r.text());
    }

    @Test
    void documentMustBeAMapping() {
        Run r = Run.build("- entity: Sale\n");
        assertEquals("a.yaml:1:1: error SG107: an entity document must be a mapping, found a list", r.text());
        assertEquals(List.of(), r.model.entities());
    }

    @Test
    void missingRequiredKeys() {
        Run r = Run.build("schema: x\ndescription: nothing else\n");
        assertEquals("""
                a.yaml:1:1: error SG108: missing required key "entity" in entity
                a.yaml:1:1: error SG108: missing required key "fields" in entity""", r.text());
        assertEquals(List.of(), r.model.entities(), "no name, no entity");
    }

    @Test
    void entityNameMustBeCamelCase() {
        Run r = Run.build("entity: sales_transaction\nfields: {id: bigint}\n");
        assertEquals("""
                a.yaml:1:9: error SG212: entity name "sales_transaction" is not CamelCase
                  hint: write "SalesTransaction"; the table is named sales_transaction (or set table:)""", r.text());
    }

    @Test
    void reservedTableNameFromEntityIsAWarning() {
        Run r = Run.build("entity: User\nfields: {id: bigint}\n");
        assertEquals("""
                a.yaml:1:9: warning SG212: table name "user" is a reserved word in PostgreSQL
                  hint: specgen quotes it ("user") in generated SQL, and hand-written queries must quote it too;\
                 consider another name""", r.text());
        assertEquals("user", r.entity().table());
    }

    @Test
    void schemaAndTableNamesAreChecked() {
        Run r = Run.build("entity: Sale\nschema: Analytics\ntable: order\nfields: {id: bigint}\n");
        assertEquals("""
                a.yaml:2:9: error SG212: schema name "Analytics" is not a lower-case SQL identifier
                  hint: use "analytics"
                a.yaml:3:8: warning SG212: table name "order" is a reserved word in PostgreSQL
                  hint: specgen quotes it ("order") in generated SQL, and hand-written queries must quote it too;\
                 consider another name""", r.text());
    }

    @Test
    void primaryKeyFromFlagsInFieldOrder() {
        Run r = Run.build("""
                entity: Sale
                fields:
                  b: {type: bigint, primary_key: true}
                  a: {type: bigint, primary_key: true}
                  c: text
                """);
        assertEquals("", r.text());
        assertEquals(List.of(new Named("b", new SourcePos("a.yaml", 3, 3)), new Named("a",
                new SourcePos("a.yaml", 4, 3))), r.entity().primaryKey());
        assertEquals(false, r.entity().fields().get(0).nullable(), "primary key implies NOT NULL");
    }

    @Test
    void primaryKeyFromEntityList() {
        Run r = Run.build("""
                entity: Sale
                fields:
                  a: bigint
                  b: bigint
                  c: text
                primary_key: [b, a]
                """);
        assertEquals("", r.text());
        assertEquals(List.of("b", "a"), r.entity().primaryKey().stream().map(Named::name).toList());
        assertEquals(List.of(false, false, true), r.entity().fields().stream().map(f -> f.nullable()).toList());
    }

    @Test
    void primaryKeyTwice() {
        Run r = Run.build("""
                entity: Sale
                fields:
                  a: {type: bigint, primary_key: true}
                  b: bigint
                primary_key: [b]
                """);
        assertEquals("""
                a.yaml:5:1: error SG223: primary key given twice: by primary_key: true on a and by the entity's\
                 primary_key list
                  hint: keep either the field flags or the list""", r.text());
        assertEquals(List.of("b"), r.entity().primaryKey().stream().map(Named::name).toList());
    }
}
