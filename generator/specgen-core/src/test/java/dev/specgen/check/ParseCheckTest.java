package dev.specgen.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.SourcePos;
import dev.specgen.plan.SqlObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The JSqlParser gate: specgen's structure must parse; the user's own expressions are PostgreSQL's to judge. */
class ParseCheckTest {
    static final ParseCheck CHECK = new ParseCheck();
    static final SourcePos POS = new SourcePos("specs/a.yaml", 3, 5);

    @AfterAll
    static void close() {
        CHECK.close();
    }

    static SqlObject.CreateTable table(String check, String dflt) {
        return new SqlObject.CreateTable("app.doc", false,
                List.of(new SqlObject.Column("d", "d", "daterange", dflt.isEmpty() ? "" : "DEFAULT " + dflt, POS)),
                List.of(new SqlObject.Constraint("doc_d_check", "CHECK (" + check + ")", POS)), "", List.of(), POS);
    }

    static String sql(SqlObject.CreateTable t) {
        return "CREATE TABLE IF NOT EXISTS app.doc (\n    d daterange" + (t.columns().get(0).hasAttributes()
                ? " " + t.columns().get(0).attributes() : "") + ",\n    CONSTRAINT doc_d_check "
                + t.constraints().get(0).body() + "\n);";
    }

    @Test
    void operatorsJSqlParserDoesNotKnowAreLeftToPostgres() {
        SqlObject.CreateTable t = table("d -|- daterange('2024-01-01', '2024-02-01')", "");
        assertEquals(Optional.empty(), CHECK.problem(t, sql(t)));
        SqlObject.CreateTable s = table("d::text !~~* 'x%'", "'[2024-01-01,2024-02-01)'::daterange");
        assertEquals(Optional.empty(), CHECK.problem(s, sql(s)));
    }

    @Test
    void specgensOwnStructureIsStillChecked() {
        SqlObject.CreateTable t = table("d IS NOT NULL", "");
        String broken = sql(t).replace("\n);", "\n;");
        assertTrue(CHECK.problem(t, broken).isPresent());
        String wrongKind = "COMMENT ON TABLE app.doc IS 'x';";
        assertEquals(Optional.of("parsed as Comment, expected CreateTable"), CHECK.problem(t, wrongKind));
    }

    @Test
    void indexExpressionsAndPredicatesAreTheUsers() {
        SqlObject.CreateIndex ix = new SqlObject.CreateIndex("doc_expr_idx", "app.doc", false, false, false, "gist",
                List.of("(d -|- daterange('2024-01-01', '2024-02-01'))"), List.of(), "d !~~* 'x%'", List.of(), POS);
        String sql = "CREATE INDEX IF NOT EXISTS doc_expr_idx\n    ON app.doc USING gist "
                + "((d -|- daterange('2024-01-01', '2024-02-01')))\n    WHERE d !~~* 'x%';";
        assertEquals(Optional.empty(), CHECK.problem(ix, sql));
        assertTrue(CHECK.problem(ix, sql.replace("USING gist", "USING")).isPresent());
    }
}
