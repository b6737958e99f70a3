package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** ConstraintRule, the constraints: list of the model builder, and the extension a GiST EXCLUDE needs. */
class ConstraintRuleTest {

    /** Fields: id bigint, email text, room_id integer, during tstzrange, at date; partitioned by at when asked. */
    private static Run constraints(String items, boolean partitioned) {
        return Run.validate("""
                entity: Sale
                fields:
                  id: {type: bigint, nullable: false}
                  email: text
                  room_id: integer
                  during: tstzrange
                  at: {type: date, nullable: false}
                constraints:
                """ + items + (partitioned ? """
                partitioning: {strategy: range, column: at, interval: monthly, from: 2024-01-01, to: 2024-02-01}
                """ : ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{check: \"id > 0\", name: sale_id_ck, not_valid: true}",
        "{unique: [email, id], name: sale_email_uq, nulls_not_distinct: true}",
        "{exclude: {using: gist, elements: [{column: during, with: \"&&\"}], where: \"id > 0\"}}",
        "{exclude: {elements: [{column: email, with: \"=\"}]}}",
        "{exclude: {using: hash, elements: [{column: email, with: \"=\"}]}}",
    })
    void accepts(String item) {
        Run r = constraints("  - " + item + "\n", false);
        assertEquals("", r.text());
        assertEquals(Set.of(), Extensions.required(r.entity()));
    }

    static Stream<Arguments> problems() {
        String notAnOperator = " is not an operator\n  hint: write the operator alone, e.g. with: \"=\" or with:"
                + " \"&&\"";
        return Stream.of(
                Arguments.of("{unique: [emal]}", "a.yaml:9:15: error SG203: unique constraint column \"emal\" is not a"
                        + " field of Sale (did you mean \"email\"?)"),
                Arguments.of("{unique: [id, id]}", "a.yaml:9:19: error SG202: column \"id\" appears twice in the"
                        + " unique constraint"),
                Arguments.of("{unique: [id], not_valid: true}", "a.yaml:9:31: error SG271: unique constraints cannot"
                        + " be NOT VALID\n  hint: PostgreSQL builds the unique constraint's index from every row when"
                        + " it is added, so it is always validated; drop not_valid:"),
                Arguments.of("{exclude: {using: brin, elements: [{column: at, with: \"=\"}]}}", "a.yaml:9:23: error"
                        + " SG272: access method brin does not support exclusion constraints\n  hint: use gist (ranges,"
                        + " geometry; scalars through btree_gist), btree or hash (only with =), or spgist"),
                Arguments.of("{exclude: {using: hash, elements: [{column: id, with: \"=\"}, {column: at, with:"
                        + " \"=\"}]}}", "a.yaml:9:23: error SG272: hash exclusion constraints take one column (found"
                        + " 2)\n  hint: use gist for several columns (scalars through btree_gist)"),
                Arguments.of("{exclude: {elements: [{column: during, with: \"&&'\"}]}}",
                        "a.yaml:9:50: error SG272: \"&&'\"" + notAnOperator),
                Arguments.of("{exclude: {elements: [{column: during, with: \"-- x\"}]}}",
                        "a.yaml:9:50: error SG272: \"-- x\"" + notAnOperator),
                Arguments.of("{exclude: {elements: [{column: during, with: \"=--\"}]}}",
                        "a.yaml:9:50: error SG272: \"=--\"" + notAnOperator),
                Arguments.of("{exclude: {elements: [{column: during, with: \"&& ) ; DROP TABLE x\"}]}}",
                        "a.yaml:9:50: error SG272: \"&& ) ; DROP TABLE x\"" + notAnOperator),
                Arguments.of("{check: \"id > 0; DROP TABLE sale\"}", "a.yaml:9:13: error SG221: check constraint is"
                        + " not a complete SQL expression: it contains ';'\n  hint: an expression cannot end the"
                        + " statement; drop ';'"),
                Arguments.of("{check: \" \", name: sale_ck}", "a.yaml:9:13: error SG221: check constraint sale_ck is"
                        + " empty\n  hint: give an SQL expression, or drop check:"),
                Arguments.of("{check: \"id > 0\", name: Sale_Ck}", "a.yaml:9:29: error SG212: constraint name"
                        + " \"Sale_Ck\" is not a lower-case SQL identifier\n  hint: use \"sale_ck\""),
                Arguments.of("{unique: [id], nulls_not_distinct: yes}", "a.yaml:9:40: error SG107:"
                        + " \"nulls_not_distinct\" must be true or false, found the string \"yes\"\n  hint: YAML 1.2"
                        + " reads yes/no/on/off as strings; write true or false"),
                Arguments.of("{check: \"id > 0\", nulls_not_distinct: true}", "a.yaml:9:23: error SG106: unknown key"
                        + " \"nulls_not_distinct\" in check constraint"),
                Arguments.of("{exclude: {elements: [{column: id, wit: \"=\"}]}}", "a.yaml:9:40: error SG106: unknown"
                        + " key \"wit\" in exclude element (did you mean \"with\"?)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void reports(String item, String expected) {
        assertEquals(expected, constraints("  - " + item + "\n", false).text());
    }

    @Test
    void uniqueAndExcludeOnAPartitionedTableIncludeThePartitionColumn() {
        assertEquals("""
                a.yaml:9:13: error SG209: unique constraint (email) on partitioned table sale must include the\
                 partition column "at"
                  hint: add "at" to the unique list: PostgreSQL requires unique and exclusion constraints on\
                 partitioned tables to include all partition key columns
                a.yaml:10:14: error SG209: exclude constraint (at, during) on partitioned table sale must include the\
                 partition column "at" compared with =
                  hint: add {column: at, with: "="} to the elements: PostgreSQL requires unique and exclusion\
                 constraints on partitioned tables to include all partition key columns
                a.yaml:10:22: warning SG207: gist exclude constraint on scalar column at needs the btree_gist\
                 extension
                  hint: specgen adds CREATE EXTENSION IF NOT EXISTS btree_gist
                a.yaml:12:22: warning SG207: gist exclude constraint on scalar column at needs the btree_gist\
                 extension
                  hint: specgen adds CREATE EXTENSION IF NOT EXISTS btree_gist""",
                constraints("""
                          - unique: [email]
                          - exclude: {using: gist, elements: [{column: at, with: "&&"}, {column: during, with: "&&"}]}
                          - unique: [email, at]
                          - exclude: {using: gist, elements: [{column: at, with: "="}, {column: during, with: "&&"}]}
                        """, true).text());
    }

    @Test
    void aGistExcludeOnAScalarColumnNeedsBtreeGist() {
        Run r = constraints("  - {exclude: {using: gist, elements: [{column: room_id, with: \"=\"},"
                + " {column: during, with: \"&&\"}]}}\n", false);
        assertEquals("""
                a.yaml:9:23: warning SG207: gist exclude constraint on scalar column room_id needs the btree_gist\
                 extension
                  hint: specgen adds CREATE EXTENSION IF NOT EXISTS btree_gist""", r.text());
        assertEquals(Set.of("btree_gist"), Extensions.required(r.entity()));
    }

    @Test
    void aUniqueItemRepeatingAKeySaysWhichKey() {
        assertEquals("""
                a.yaml:5:13: warning SG270: unique constraint (b, a) duplicates the primary key (a, b)
                  hint: PostgreSQL builds and maintains a second unique index that enforces nothing new; drop one\
                 of them
                a.yaml:6:13: warning SG270: unique constraint (c) duplicates unique: true of field "c" (a.yaml:2:32)
                  hint: PostgreSQL builds and maintains a second unique index that enforces nothing new; drop one\
                 of them
                a.yaml:8:13: warning SG270: unique constraint (d, c) duplicates the unique constraint at a.yaml:7:13
                  hint: PostgreSQL builds and maintains a second unique index that enforces nothing new; drop one\
                 of them""", Run.validate("""
                entity: Sale
                fields: {a: bigint, b: bigint, c: {type: text, unique: true}, d: text}
                primary_key: [a, b]
                constraints:
                  - unique: [b, a]
                  - unique: [c]
                  - unique: [c, d]
                  - unique: [d, c]
                  - {unique: [c, d], nulls_not_distinct: true}
                """).text());
    }

    @Test
    void aConstraintItemIsOneConstraintAndNamesAreUniqueInTheSchema() {
        assertEquals("""
                a.yaml:5:29: error SG202: name "public.sale_pk" of the check constraint is already used by the\
                 primary key (a.yaml:3:21)
                a.yaml:6:5: error SG273: constraint has check and unique: one item is one constraint
                  hint: write each constraint as its own item: - check: "...", - unique: [...], or - exclude:\
                 {using: gist, elements: [...]}
                a.yaml:8:5: error SG273: constraint has none of check, unique, exclude
                  hint: write each constraint as its own item: - check: "...", - unique: [...], or - exclude:\
                 {using: gist, elements: [...]}
                a.yaml:9:5: error SG106: unknown key "uniqe" in constraint (did you mean "unique"?)""",
                Run.validate("""
                        entity: Sale
                        fields: {id: bigint}
                        primary_key: {name: sale_pk, columns: [id]}
                        constraints:
                          - {check: "id > 0", name: sale_pk}
                          - check: "id > 0"
                            unique: [id]
                          - name: lonely
                          - uniqe: [id]
                        """).text());
    }

    /** ON CONFLICT infers a UNIQUE constraint as its arbiter: an upsert on a unique item's columns is fine. */
    @Test
    void anUpsertMayUseAUniqueItemAsItsConflictKey() {
        assertEquals("", Run.validate("""
                entity: Sale
                fields:
                  id: {type: bigint, primary_key: true}
                  tenant_id: {type: bigint, nullable: false}
                  email: {type: text, nullable: false}
                constraints:
                  - unique: [tenant_id, email]
                actions:
                  - {name: a, pattern: batch/bulk_operation, operation: upsert, conflict_columns: [email, tenant_id]}
                """).text());
    }

    /** {@code primary_key: {name: ...}} without columns names the key the field flags make. */
    @Test
    void aPrimaryKeyNameAloneNamesTheFlaggedKey() {
        Run r = Run.validate("""
                entity: Sale
                fields: {id: {type: bigint, primary_key: true}, at: {type: date, primary_key: true}}
                primary_key: {name: sale_pk}
                """);
        assertEquals("", r.text());
        assertEquals("sale_pk [id, at]", r.entity().primaryKeyName().orElseThrow().name() + " "
                + r.entity().primaryKey().stream().map(dev.specgen.model.Named::name).toList());
        assertEquals("""
                a.yaml:3:14: error SG108: missing required key "columns" in primary_key""", Run.validate("""
                entity: Sale
                fields: {id: bigint}
                primary_key: {name: sale_pk}
                """).text());
        assertEquals("""
                a.yaml:3:1: error SG223: primary key given twice: by primary_key: true on id and by the entity's\
                 primary_key list
                  hint: keep either the field flags or the list""", Run.validate("""
                entity: Sale
                fields: {id: {type: bigint, primary_key: true}}
                primary_key: {name: sale_pk, columns: [id]}
                """).text());
    }

    /** A foreign key may reference the columns of a unique: item (PostgreSQL needs a unique constraint on them). */
    @Test
    void aCompositeForeignKeyMayReferenceAUniqueItem() {
        assertEquals("", Run.validate("""
                entity: Account
                fields:
                  id: {type: bigint, primary_key: true}
                  tenant_id: {type: bigint, nullable: false}
                  email: {type: text, nullable: false}
                constraints:
                  - unique: [tenant_id, email]
                """, """
                entity: Invite
                fields:
                  id: {type: bigint, primary_key: true}
                  tenant_id: {type: bigint, nullable: false}
                  email: {type: text, nullable: false}
                foreign_keys:
                  - {columns: [email, tenant_id], references: {entity: Account, columns: [email, tenant_id]}}
                """).text());
    }
}
