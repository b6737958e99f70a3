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
        "`n::text <> $$a;b$$`", "`n::text <> $x$ -- $x$`", "n - -1 > 0",
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
    })
    void rejects(String sql, String problem) {
        assertEquals("a.yaml:3:3: error SG221: check of field \"n\" is not a complete SQL expression: "
                + problem.replace("\\n", "\n"), check(sql));
    }

    @Test
    void defaultsAndIndexesToo() {
        assertEquals("""
                a.yaml:2:35: error SG221: default of field "s" is not a complete SQL expression: a string literal\
                 ('...') is not closed
                  hint: close the string; a quote inside it is written twice: 'it''s'
                a.yaml:4:5: error SG221: where of index on (s) is not a complete SQL expression: a string literal\
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
}
