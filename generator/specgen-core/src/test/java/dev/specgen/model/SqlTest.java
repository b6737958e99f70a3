package dev.specgen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTest {

    /** As PostgreSQL 17's quote_ident(): every key word that is not "unreserved" is quoted. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "sales | sales", "order | \"order\"", "user | \"user\"", "system_user | \"system_user\"",
        // type_func_name_keyword
        "left | \"left\"", "join | \"join\"", "current_schema | \"current_schema\"",
        // col_name_keyword
        "time | \"time\"", "timestamp | \"timestamp\"", "position | \"position\"", "values | \"values\"",
        "json | \"json\"", "json_table | \"json_table\"", "merge_action | \"merge_action\"", "int | \"int\"",
        // unreserved key words stay bare
        "key | key", "type | type", "cache | cache", "data | data", "value | value", "text | text",
        "SalesOrder | \"SalesOrder\"", "`a\"b` | `\"a\"\"b\"`",
    })
    void ident(String name, String sql) {
        assertEquals(sql, Sql.ident(name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"time", "between", "xmltable", "national"})
    void columnNameKeywordsAreReserved(String word) {
        assertTrue(Sql.RESERVED.contains(word));
        assertTrue(Sql.COLUMN_NAME_KEYWORDS.contains(word));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"time | status | \"time\".status", "sales | order | sales.\"order\""})
    void qualified(String schema, String name, String sql) {
        assertEquals(sql, Sql.qualified(schema, name));
    }

    /** Issue 6 item 3: the same text under standard_conforming_strings on and off; nothing invisible written raw. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "it's | 'it''s'",
        "`C:\\dir\\` | `E'C:\\\\dir\\\\'`",
        "`it\\'s` | `E'it\\\\''s'`",
        "`two\nlines\tand tab` | `'two\nlines\tand tab'`",
    })
    void literal(String text, String sql) {
        String t = text.replace("\\n", "\n").replace("\\t", "\t");
        assertEquals(sql.replace("\\n", "\n").replace("\\t", "\t"), Sql.literal(t));
        assertEquals(t, Sql.unliteral(Sql.literal(t)));
    }

    @Test
    void literalEscapesInvisibleCharacters() {
        String text = "a\u001b[2Jb\u202e\u2028\r\uDB40\uDC01";
        assertEquals("E'a\\u001B[2Jb\\u202E\\u2028\\u000D\\U000E0001'", Sql.literal(text));
        assertEquals(text, Sql.unliteral(Sql.literal(text)));
    }

    /** A body must neither hold the closing delimiter nor end in a part of it ({@code ...$q} + {@code $q$}). */
    @Test
    void dollarTags() {
        assertEquals("specgen", Sql.dollarTag("SELECT 1"));
        assertEquals("specgen1", Sql.dollarTag("x $specgen$ y"));
        assertEquals("specgen1", Sql.dollarTag("flag$specgen"));
        assertEquals("$specgen$a$$specgen$", Sql.dollarQuoted("a$"));
        assertTrue(Sql.fitsDollarTag("a$", "q"));
        assertEquals(false, Sql.fitsDollarTag("flag$q", "q"));
    }
}
