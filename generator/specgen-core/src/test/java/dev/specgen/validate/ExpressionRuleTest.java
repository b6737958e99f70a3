package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQL text written into statements as given must be one complete expression (SG221). */
class ExpressionRuleTest {

    private static String check(String sql) {
        return Run.validate("entity: Sale\nfields:\n  n: {type: integer, check: '" + sql.replace("'", "''") + "'}\n")
                .text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "n >= 0", "n IN (1, 2) AND (n > 0)", "`label <> 'it''s'`", "`\"n\" > 0`", "`E'a\\'b' <> ''`",
        "`n::text <> $$a;b$$`", "`n::text <> $x$ -- $x$`", "n - -1 > 0", "n < random()", "`n < \"f\" ( )`",
        "`'()' <> n::text`", "(n > 0)",
    })
    void accepts(String sql) {
        assertEquals("", check(sql));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // a stray quote found by SpecFuzzTest: CHECK (actions >= 0") broke the generated table
        "`n >= 0\"` | a quoted identifier (\"...\") is not closed\\n  hint: close the \"...\" identifier, or drop the"
                + " stray \"",
        "`n <> 'x` | a string literal ('...') is not closed\\n  hint: close the string; a quote inside it is written"
                + " twice: 'it''s'",
        "n > (1 | a '(' is not closed\\n  hint: balance the parentheses",
        "n > 1) | a ')' has no '('\\n  hint: balance the parentheses",
        "n > 0 -- positive | it contains a comment (--)\\n  hint: drop the comment: the expression is written into a"
                + " statement, and a comment would swallow its end",
        "n > 0; DROP TABLE x | it contains ';'\\n  hint: an expression cannot end the statement; drop ';'",
        "`n::text <> $q$x` | a dollar-quoted string ($q$...) is not closed\\n  hint: close it with $q$",
        // review B5: PostgreSQL rejects CHECK (()); only a function call has empty parentheses
        "() | the parentheses () hold no expression\\n  hint: write an expression inside them, or drop them; only a"
                + " function call has empty parentheses: now()",
        "(( )) | the parentheses ( ) hold no expression\\n  hint: write an expression inside them, or drop them;"
                + " only a function call has empty parentheses: now()",
        "n IN () | the parentheses () hold no expression\\n  hint: write an expression inside them, or drop them;"
                + " only a function call has empty parentheses: now()",
    })
    void rejects(String sql, String problem) {
        assertEquals("a.yaml:3:29: error SG221: check of field \"n\" is not a complete SQL expression: "
                + problem.replace("\\n", "\n"), check(sql));
    }

    @Test
    void defaultsAndIndexesToo() {
        assertEquals("""
                a.yaml:2:35: error SG221: default of field "s" is not a complete SQL expression: a string literal\
                 ('...') is not closed
                  hint: close the string; a quote inside it is written twice: 'it''s'
                a.yaml:4:27: error SG221: where of index on (s) is not a complete SQL expression: a string literal\
                 ('...') is not closed
                  hint: close the string; a quote inside it is written twice: 'it''s'
                a.yaml:5:16: error SG221: expression lower(s of index on (lower(s) is not a complete SQL expression:\
                 a '(' is not closed
                  hint: balance the parentheses""", Run.validate("""
                entity: Sale
                fields: {s: {type: text, default: "'open"}}
                indexes:
                  - {columns: [s], where: "s <> 'x"}
                  - {columns: ["lower(s"]}
                """).text());
    }

    /** Review B5: blank text was SG401 (check), dropped (where) or CHECK () (seed): now SG221 wherever it is. */
    @Test
    void emptyExpressionsAnywhere() {
        assertEquals("""
                a.yaml:3:29: error SG221: check of field "n" is empty
                  hint: give an SQL expression, or drop check:
                a.yaml:4:28: error SG221: seed of field "m" is empty
                  hint: give an SQL expression, or drop seed:
                a.yaml:5:28: error SG221: default of field "d" is empty
                  hint: give an SQL expression, or drop default:
                a.yaml:7:27: error SG221: where of index on (n) is empty
                  hint: give an SQL expression, or drop where:
                a.yaml:8:16: error SG221: expression () of index on (()) is not a complete SQL expression: the\
                 parentheses () hold no expression
                  hint: write an expression inside them, or drop them; only a function call has empty parentheses:\
                 now()
                a.yaml:9:16: error SG221: expression of index on ( ) is empty
                  hint: give an SQL expression, or drop expression:""", Run.validate("""
                entity: Sale
                fields:
                  n: {type: integer, check: ""}
                  m: {type: integer, seed: "  "}
                  d: {type: text, default: ""}
                indexes:
                  - {columns: [n], where: " "}
                  - {columns: ["()"]}
                  - {columns: [{expression: " "}]}
                """).text());
    }

    /** A check, a seed and a where are reported at their value, in block style too (they were at the key/item). */
    @Test
    void checkSeedAndWhereAtTheirValue() {
        assertEquals("""
                a.yaml:5:12: error SG221: check of field "n" is not a complete SQL expression: a '(' is not closed
                  hint: balance the parentheses
                a.yaml:6:11: error SG221: seed of field "n" is not a complete SQL expression: it contains ';'
                  hint: an expression cannot end the statement; drop ';'
                a.yaml:10:14: error SG221: where of index idx_n is not a complete SQL expression: it contains a\
                 comment (--)
                  hint: drop the comment: the expression is written into a statement, and a comment would swallow its\
                 end""", Run.validate("""
                entity: Sale
                fields:
                  n:
                    type: integer
                    check: (n > 0
                    seed: i; 1
                indexes:
                  - name: idx_n
                    columns: [n]
                    where:   n > 0 -- positive
                """).text());
    }
}
