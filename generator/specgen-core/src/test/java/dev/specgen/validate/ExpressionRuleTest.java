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

    private static String dflt(String sql) {
        return Run.validate("entity: Sale\nfields:\n  n: {type: integer, default: '" + sql.replace("'", "''")
                + "'}\n").text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "n >= 0", "n IN (1, 2) AND (n > 0)", "`label <> 'it''s'`", "`\"n\" > 0`", "`E'a\\'b' <> ''`",
        "`n::text <> $$a;b$$`", "`n::text <> $x$ -- $x$`", "n - -1 > 0", "n < random()", "`n < \"f\" ( )`",
        "`'()' <> n::text`", "(n > 0)",
        // issue 6: valid PostgreSQL the frame must not refuse
        "x$a$ > 0", "n BETWEEN 1 AND 10", "n IS NOT NULL", "n IS DISTINCT FROM 3", "n IS NOT DISTINCT FROM 3",
        "CASE WHEN n > 0 THEN 1 ELSE NULL END = 1", "n = ANY (ARRAY[1, 2])", "n <> ALL ('{1,2}'::int[])",
        "`now()::timestamp with time zone > '2024-01-01'`", "`interval '1' day to second > interval '0'`",
        "`(ARRAY[1, 2])[1:2] = '{1,2}'`", "`(ARRAY[1, 2])[1: n] = '{1,2}'`", "`E'a\\\\b' <> n::text`",
        "`$$a\\b$$ <> n::text`", "`n::text COLLATE \"C\" > 'a'`", "`n::text ~ '^[0-9]+$'`", "`x'1F'::int > n`",
        "`B'01'::int < n`", "`U&\"n\" > 0`", "n > 0 AND NOT (n > 5)", "n::text IN ('a', 'b')",
        "`percentile_disc(0.5) WITHIN GROUP (ORDER BY n) > 0`", "`EXISTS (SELECT 1 FROM t WHERE t.a = n)`",
        "`n::text <> $t$ it's; -- $t$`", "n >= $1",
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

    /** Issue 6 item 1: text that would end the CHECK, or the statement, or run as psql, never passes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // the reproducer: x$a$ is an identifier, so $a$ ... q$a$ is no dollar quote and the DROP would run
        "`x$a$ > 0)) ; DROP TABLE IF EXISTS public.victim ; SELECT ((SELECT 1 AS q$a$` | a ')' has no '('\\n"
                + "  hint: balance the parentheses",
        "n > 0) OR (true | a ')' has no '('\\n  hint: balance the parentheses",
        "n > 0] | a ']' has no '['\\n  hint: balance the parentheses",
        "(n > 0] | a ']' closes a '('\\n  hint: balance the parentheses and brackets",
        "`(ARRAY[1` | a '(' and a '[' are not closed\\n  hint: balance the parentheses and brackets",
        "`n, n` | ',' outside parentheses makes it more than one expression\\n  hint: write one expression; a ','"
                + " belongs inside parentheses: f(a, b), ARRAY[a, b]",
        "SELECT 1 | the key word SELECT cannot stand outside parentheses in an expression\\n  hint: it would"
                + " continue the statement the expression is written into; a subquery goes in parentheses:"
                + " (SELECT ...)",
        "n AS m | the key word AS cannot stand outside parentheses in an expression\\n  hint: it would continue"
                + " the statement the expression is written into; a subquery goes in parentheses: (SELECT ...)",
        "n > 0 FROM t | the key word FROM cannot stand outside parentheses in an expression\\n  hint: it would"
                + " continue the statement the expression is written into; a subquery goes in parentheses:"
                + " (SELECT ...)",
        "`n > 0 \\! touch /tmp/pwned` | it contains '\\' outside a string\\n  hint: psql reads a backslash as"
                + " the start of a meta-command (\\! runs a shell command); a backslash belongs inside E'...'",
        "`n::text <> :'USER'` | psql would read :'USER' as a variable\\n  hint: write a space after ':' (a[1: n])",
        "`(ARRAY[1])[1:n] = '{1}'` | psql would read :n as a variable\\n  hint: write a space after ':' (a[1: n])",
        "`n::text ~ '^\\d+$'` | the string '^\\d+$' holds a backslash, which escapes the next character when"
                + " standard_conforming_strings is off\\n  hint: write it as E'...' with each backslash doubled"
                + " (E'a\\\\d'), or as $$...$$: then it means the same under every setting",
        "`U&'\\0041' = n::text` | U&'...' strings are refused when standard_conforming_strings is off\\n  hint:"
                + " write the characters as E'...' escapes instead: E'\\u00e9'",
        "`n::text <> $ x` | a '$' starts neither a dollar quote ($tag$...$tag$) nor a parameter\\n  hint: quote"
                + " the text: '$' or $$...$$",
        "`\"\" > 0` | a quoted identifier is empty (\"\")\\n  hint: PostgreSQL has no empty names; drop the \"\"",
        "`n > 0 /* c */` | it contains a comment (/*)\\n  hint: drop the comment: the expression is written into a"
                + " statement, and a comment would swallow its end",
        "`n > 0 {` | character '{' is not SQL here\\n  hint: drop it, or put it inside a string",
    })
    void rejectsAttacks(String sql, String problem) {
        assertEquals("a.yaml:3:29: error SG221: check of field \"n\" is not a complete SQL expression: "
                + problem.replace("\\n", "\n"), check(sql));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"now()", "NULL", "`'x'::text`", "-1", "1 + NULL",
        "CASE WHEN true THEN NULL ELSE 1 END", "`'{}'::int[]`", "ARRAY[]::int[]", "(1) IS DISTINCT FROM NULL",
        "`CASE WHEN 'a' COLLATE \"C\" > 'b' THEN 1 END`", "`('x' COLLATE \"C\")::int`"})
    void acceptsDefaults(String sql) {
        assertEquals("", dflt(sql));
    }

    /** A default is followed by the column's constraints: what would continue it there is refused. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // issue 6: this added a column, and verify said ok
        "`0, evil_col text DEFAULT 'pwned'` | ',' outside parentheses makes it more than one expression\\n  hint:"
                + " write one expression; a ',' belongs inside parentheses: f(a, b), ARRAY[a, b]",
        "0 NOT NULL | NOT after the value would be read as a column constraint, not as part of the default\\n"
                + "  hint: put the whole default in parentheses; nullable: and the other field settings make"
                + " constraints",
        "0 NULL | NULL after the value would be read as a column constraint, not as part of the default\\n"
                + "  hint: put the whole default in parentheses; nullable: and the other field settings make"
                + " constraints",
        "`'x' COLLATE \"C\"` | COLLATE after the value would be read as a column constraint, not as part of the"
                + " default\\n  hint: put the whole default in parentheses; nullable: and the other field settings"
                + " make constraints",
        "0 GENERATED ALWAYS AS (1) STORED | GENERATED after the value would be read as a column constraint, not"
                + " as part of the default\\n  hint: put the whole default in parentheses; nullable: and the other"
                + " field settings make constraints",
        "0 CHECK (false) | the key word CHECK cannot stand outside parentheses in an expression\\n  hint: it would"
                + " continue the statement the expression is written into; a subquery goes in parentheses:"
                + " (SELECT ...)",
        "0 REFERENCES t (id) | the key word REFERENCES cannot stand outside parentheses in an expression\\n  hint:"
                + " it would continue the statement the expression is written into; a subquery goes in"
                + " parentheses: (SELECT ...)",
        "0 PRIMARY KEY | the key word PRIMARY cannot stand outside parentheses in an expression\\n  hint: it"
                + " would continue the statement the expression is written into; a subquery goes in parentheses:"
                + " (SELECT ...)",
        "0 CONSTRAINT c UNIQUE | the key word CONSTRAINT cannot stand outside parentheses in an expression\\n"
                + "  hint: it would continue the statement the expression is written into; a subquery goes in"
                + " parentheses: (SELECT ...)",
    })
    void rejectsDefaultsThatContinueTheColumn(String sql, String problem) {
        assertEquals("a.yaml:3:31: error SG221: default of field \"n\" is not a complete SQL expression: "
                + problem.replace("\\n", "\n"), dflt(sql));
    }

    /** Escapes in double-quoted YAML reach the expression; a reviewer would not see them in the output. */
    @Test
    void invisibleCharacters() {
        assertEquals("""
                a.yaml:3:29: error SG221: check of field "n" is not a complete SQL expression: it contains the\
                 invisible character U+001B
                  hint: write it as an escape inside an E'...' string (E'\\u001B'), or drop it
                a.yaml:4:29: error SG221: check of field "m" is not a complete SQL expression: it contains the\
                 invisible character U+202E
                  hint: write it as an escape inside an E'...' string (E'\\u202E'), or drop it""", Run.validate("""
                entity: Sale
                fields:
                  n: {type: integer, check: "n > 0\\e[2J"}
                  m: {type: integer, check: "m > 0 \\u202E-- "}
                """).text());
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
