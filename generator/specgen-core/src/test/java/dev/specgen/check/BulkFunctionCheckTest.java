package dev.specgen.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.Diagnostics;
import dev.specgen.load.SpecLoader;
import dev.specgen.model.SpecModel;
import dev.specgen.model.build.ModelBuilder;
import dev.specgen.plan.Planner;
import dev.specgen.plan.SqlObject;
import dev.specgen.render.Renderer;
import dev.specgen.validate.Extensions;
import dev.specgen.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The parse gate on generated plpgsql functions: frame matched exactly, every SQL statement and expression parsed. */
class BulkFunctionCheckTest {
    static final ParseCheck CHECK = new ParseCheck();
    static final String SPEC = """
            entity: Doc
            schema: app
            fields:
              id: {type: bigint, primary_key: true}
              parent: {type: bigint, nullable: false}
              span: {type: daterange, default: "daterange('2024-01-01', '2024-02-01') -|- NULL"}
              note: text
            actions:
              - {name: add_docs, pattern: batch/bulk_operation, operation: insert}
              - {name: put_docs, pattern: batch/bulk_operation, operation: upsert}
              - {name: drop_docs, pattern: batch/bulk_operation, operation: delete}
              - {name: set_docs, pattern: batch/bulk_operation, operation: replace, parent_key: [parent]}
            """;

    @AfterAll
    static void close() {
        CHECK.close();
    }

    static List<SqlObject.BulkFunction> functions() {
        Diagnostics diags = new Diagnostics();
        SpecModel model = ModelBuilder.build(List.of(new SpecLoader().load("specs/a.yaml",
                SPEC.getBytes(StandardCharsets.UTF_8), diags)), diags);
        Validator.validate(model, diags);
        assertEquals(List.of(), diags.sorted());
        return new Planner(Extensions::required).plan(model).files().stream().flatMap(f -> f.objects().stream())
                .filter(SqlObject.BulkFunction.class::isInstance).map(SqlObject.BulkFunction.class::cast).toList();
    }

    static String render(SqlObject.BulkFunction f) {
        return new Renderer(Optional.empty()).object(f);
    }

    /** What the gate says of {@code f} rendered and changed by {@code change} (its stand-in changed alike). */
    static Optional<String> problem(SqlObject.BulkFunction f, java.util.function.UnaryOperator<String> change) {
        return CHECK.problem(f, change.apply(render(f)), change.apply(render((SqlObject.BulkFunction)
                f.parseStandIn())));
    }

    @Test
    void everyGeneratedFunctionPassesAndTheUsersDefaultIsLeftToPostgres() {
        List<SqlObject.BulkFunction> all = functions();
        assertEquals(8, all.size());
        for (SqlObject.BulkFunction f : all) {
            assertEquals(Optional.empty(), problem(f, x -> x), f.name());
        }
    }

    @Test
    void aBrokenStatementInTheBodyIsFound() {
        SqlObject.BulkFunction f = functions().get(0);
        String sql = render(f);
        assertEquals(Optional.of("statement at body line 14: Encountered: <K_SELECT> / \"SELECT\", at line 2, column 5,"
                + " in lexical state DEFAULT."), problem(f, x -> x.replace("SELECT DISTINCT ON", "SELECT FROM FROM"))
                .map(m -> m.replaceFirst("net.sf.jsqlparser.parser.ParseException: ", "")));
        assertEquals(Optional.of("statement at body line 25: parsed as Commit, expected an SQL"
                + " statement"), problem(f, x -> x.replace("    GET DIAGNOSTICS v_rows = ROW_COUNT;\n",
                        "    COMMIT;\n    GET DIAGNOSTICS v_rows = ROW_COUNT;\n")));
    }

    @Test
    void theFrameIsExact() {
        SqlObject.BulkFunction f = functions().get(1);
        String sql = render(f);
        assertEquals(Optional.of("not of the form CREATE OR REPLACE FUNCTION name(...) RETURNS bigint LANGUAGE"
                + " plpgsql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $tag$ ... $tag$"),
                problem(f, x -> x.replace("SECURITY INVOKER", "SECURITY DEFINER")));
        assertEquals(Optional.of("body is not of the form #variable_conflict use_variable DECLARE ... BEGIN ... END;"),
                problem(f, x -> x.replace("#variable_conflict use_variable\n", "")));
        assertEquals(Optional.of("statement at body line 1: RAISE option \"SQLSTATE '22004'\" is not NAME ="
                + " expression"), problem(f, x -> x.replace("ERRCODE = '22004'", "SQLSTATE '22004'")));
    }
}
