package dev.specgen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
