package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the seeding meets table-level CHECKs ({@code constraints:} items) as it meets a field's own check:
 * parts on one field, which fields are NULL together, and orders between two fields.
 */
class SeedTableChecksTest {

    /** The seed function's values, in column order, for one entity whose fields and constraints are given. */
    static List<String> values(String fields, String constraints) {
        TestFile f = Pipeline.tests("entity: T\nschema: s\nfields:\n  id: {type: bigint, primary_key: true}\n"
                + fields + "constraints:\n" + constraints).files().get(0);
        TestStep.SeedFunction s = f.steps().stream().filter(TestStep.SeedFunction.class::isInstance)
                .map(TestStep.SeedFunction.class::cast).findFirst().orElseThrow();
        return s.values().subList(1, s.values().size());
    }

    @Test
    void aPartOnOneFieldIsReadLikeTheFieldsOwnCheck() {
        assertEquals(List.of("(ARRAY['b', 'c']::text[])[1 + (i % 2)]", "(ARRAY[2, 3]::integer[])[1 + (i % 2)]"),
                values("  kind: text\n  qty: {type: integer, check: \"qty > 1\"}\n",
                        "  - check: \"kind = ANY (ARRAY['b'::text, 'c'::text]) AND qty <= 3\"\n"));
        assertEquals(List.of("left('v' || i, 4)"),
                values("  code: text\n", "  - check: \"char_length(code) <= 4\"\n  - check: \"code IS NOT NULL\"\n"));
    }

    @Test
    void exactlyOneOfTwoIsNotNullInTurn() {
        List<String> oneOfTwo = List.of("CASE WHEN i % 2 = 0 THEN 1 + (i % 15) END",
                "CASE WHEN i % 2 = 1 THEN 'v' || i END");
        String fields = "  a: integer\n  b: text\n";
        assertEquals(oneOfTwo, values(fields, "  - check: \"num_nonnulls(a, b) = 1\"\n"));
        assertEquals(oneOfTwo, values(fields, "  - check: \"num_nulls(a, b) = 1\"\n"));
        assertEquals(oneOfTwo, values(fields, "  - check: \"(a IS NULL) <> (b IS NULL)\"\n"));
        assertEquals(oneOfTwo, values(fields, "  - check: \"(a IS NOT NULL) != (b IS NOT NULL)\"\n"));
        assertEquals(oneOfTwo, values(fields,
                "  - check: \"(a IS NOT NULL AND b IS NULL) OR (a IS NULL AND b IS NOT NULL)\"\n"));
        // at most one: a IS NULL in the first way, b in the second
        assertEquals(List.of("CASE WHEN i % 2 = 1 THEN 1 + (i % 15) END", "CASE WHEN i % 2 = 0 THEN 'v' || i END"),
                values(fields, "  - check: \"a IS NULL OR b IS NULL\"\n"));
    }

    @Test
    void aNotNullFieldIsNeverTheNullOne() {
        assertEquals(List.of("1 + (i % 15)", "NULL"),
                values("  a: {type: integer, nullable: false}\n  b: text\n", "  - check: \"num_nonnulls(a, b) = 1\"\n"));
    }

    @Test
    void checksThatAllNullOrNoneOrAtLeastOneKeepTheGenericValues() {
        List<String> generic = List.of("1 + (i % 15)", "'v' || i");
        String fields = "  a: integer\n  b: text\n";
        assertEquals(generic, values(fields, "  - check: \"(a IS NULL) = (b IS NULL)\"\n"));
        assertEquals(generic, values(fields, "  - check: \"num_nonnulls(a, b) >= 1\"\n"));
        assertEquals(generic, values(fields, "  - check: \"a IS NOT NULL OR b IS NOT NULL\"\n"));
    }

    @Test
    void threeFieldsTwoNotNullInTurn() {
        assertEquals(List.of("CASE WHEN i % 3 IN (0, 2) THEN 1 + (i % 15) END",
                "CASE WHEN i % 3 IN (0, 1) THEN 1 + (i % 15) END",
                "CASE WHEN i % 3 IN (1, 2) THEN 1 + (i % 15) END"),
                values("  a: integer\n  b: integer\n  c: integer\n", "  - check: \"num_nulls(a, b, c) = 1\"\n"));
    }

    @Test
    void anOrderBetweenTwoFieldsComputesTheFreeOneFromTheOther() {
        assertEquals(List.of("'2024-01-01 00:00:00+00'::timestamptz + i * interval '1 minute'",
                "('2024-01-01 00:00:00+00'::timestamptz + i * interval '1 minute') + interval '1 hour'"),
                values("  starts_at: {type: timestamptz, nullable: false}\n  ends_at: timestamptz\n",
                        "  - check: \"starts_at < ends_at\"\n"));
        assertEquals(List.of("(1 + (i % 15)) - 1", "1 + (i % 15)"),
                values("  lo: integer\n  hi: {type: integer, check: \"hi > 0\"}\n", "  - check: \"hi >= lo\"\n"));
        assertEquals(List.of("('2024-01-01'::timestamp + i * interval '1 minute')::date",
                "(('2024-01-01'::timestamp + i * interval '1 minute')::date) + 1"),
                values("  a: date\n  b: date\n", "  - check: \"a <> b\"\n"));
    }

    @Test
    void anOrderWhoseFieldsAreBothTakenIsLeftAlone() {
        assertEquals(List.of("1 + (i % 15)", "'v' || i"),
                values("  a: integer\n  b: text\n", "  - check: \"a < b\"\n"));
    }

    @Test
    void theExclusiveFieldsOfAnOrderAreNullInTurnAndOrdered() {
        assertEquals(List.of("CASE WHEN i % 2 = 0 THEN 1 + (i % 15) END",
                "CASE WHEN i % 2 = 1 THEN (1 + (i % 15)) + 1 END"),
                values("  a: integer\n  b: integer\n",
                        "  - check: \"num_nonnulls(a, b) = 1\"\n  - check: \"a < b\"\n"));
    }
    @Test
    void independentNullRulesTurnApartAndSharedOnesTogether() {
        // two rules on other fields: each alternates on its own (i % 2), not over 2 x 2 ways
        assertEquals(List.of("CASE WHEN i % 2 = 0 THEN 1 + (i % 15) END", "CASE WHEN i % 2 = 1 THEN 1 + (i % 15) END",
                "CASE WHEN i % 2 = 0 THEN 1 + (i % 15) END", "CASE WHEN i % 2 = 1 THEN 1 + (i % 15) END"),
                values("  a: integer\n  b: integer\n  c: integer\n  d: integer\n",
                        "  - check: \"num_nonnulls(a, b) = 1\"\n  - check: \"num_nonnulls(c, d) = 1\"\n"));
        // a rule sharing b with the first: combined, c follows b
        assertEquals(List.of("CASE WHEN i % 2 = 0 THEN 1 + (i % 15) END", "CASE WHEN i % 2 = 1 THEN 1 + (i % 15) END",
                "CASE WHEN i % 2 = 1 THEN 1 + (i % 15) END"),
                values("  a: integer\n  b: integer\n  c: integer\n",
                        "  - check: \"num_nonnulls(a, b) = 1\"\n  - check: \"(b IS NULL) = (c IS NULL)\"\n"));
    }
}
