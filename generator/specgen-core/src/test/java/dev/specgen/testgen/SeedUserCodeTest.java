package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: real schemas compute columns from json keys and run triggers of their own (Supabase Realtime's
 * subscription: {@code claims_role} generated from {@code claims ->> 'role'}, NOT NULL; a BEFORE trigger that checks
 * rows against the catalog). The seeding carries the keys the table's expressions read, and does not run the user's
 * triggers for its synthetic rows.
 */
class SeedUserCodeTest {

    static TestStep.SeedFunction seed(String spec) {
        TestFile f = Pipeline.tests(spec).files().get(0);
        return f.steps().stream().filter(TestStep.SeedFunction.class::isInstance)
                .map(TestStep.SeedFunction.class::cast).findFirst().orElseThrow();
    }

    @Test
    void jsonKeysThatExpressionsReadAreSeeded() {
        TestStep.SeedFunction s = seed("entity: T\nschema: s\nfields:\n  id: {type: bigint, primary_key: true}\n"
                + "  claims: {type: jsonb, nullable: false}\n  doc: json\n  plain: jsonb\n"
                + "  role: {type: regrole, nullable: false, generated: \"s.to_role((claims ->> 'role'::text))\"}\n"
                + "  kind: {type: text, check: \"(\\\"doc\\\" -> 'it''s') IS NOT NULL OR claims->>'aud' <> ''\"}\n");
        assertEquals(List.of("i", "jsonb_build_object('i', i, 'aud', current_user, 'role', current_user)",
                "json_build_object('i', i, 'it''s', current_user)", "jsonb_build_object('i', i)"),
                s.values().subList(0, 4));
    }

    @Test
    void theUsersTriggersAreNotRunForSeededRows() {
        String table = "entity: T\nschema: s\nfields:\n  id: {type: bigint, primary_key: true}\n";
        assertEquals(false, seed(table).userTriggers());
        TestStep.SeedFunction s = seed(table + "triggers:\n  - {name: t_check, timing: before, events: [insert],"
                + " function: s.check_t}\n");
        assertEquals(true, s.userTriggers());
    }
}
