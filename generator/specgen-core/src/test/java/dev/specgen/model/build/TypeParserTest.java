package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeParserTest {

    private static Run field(String type) {
        return Run.build("entity: Sale\nfields:\n  f: " + type + "\n");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "smallint | smallint", "int2 | smallint",
        "integer | integer", "int | integer", "INT4 | integer", "Integer | integer",
        "bigint | bigint", "int8 | bigint",
        "real | real", "float4 | real",
        "double | double precision", "double precision | double precision", "Double   Precision | double precision",
        "float8 | double precision",
        "money | money", "text | text", "boolean | boolean", "bool | boolean", "date | date",
        "timestamp | timestamp", "timestamp without time zone | timestamp",
        "timestamptz | timestamptz", "TIMESTAMP WITH TIME ZONE | timestamptz",
        "time | time", "timetz | timetz", "time with time zone | timetz", "interval | interval",
        "uuid | uuid", "json | json", "jsonb | jsonb", "bytea | bytea", "inet | inet", "cidr | cidr",
        "macaddr | macaddr", "tsvector | tsvector", "int4range | int4range", "int8range | int8range",
        "numrange | numrange", "daterange | daterange", "tsrange | tsrange", "tstzrange | tstzrange",
        "point | point", "box | box",
        "numeric | numeric", "decimal | numeric", "numeric(12) | numeric(12)", "decimal(10,2) | numeric(10,2)",
        "Decimal( 10 , 2 ) | numeric(10,2)",
        "varchar(255) | varchar(255)", "character varying(40) | varchar(40)", "char(2) | char(2)",
        "character(3) | char(3)",
        "text[] | text[]", "integer [] | integer[]", "decimal(10,2)[] | numeric(10,2)[]",
        "varchar | varchar", "Character Varying | varchar", "varchar[] | varchar[]",
        "timestamptz(3) | timestamptz(3)", "timestamp(0) | timestamp(0)", "time( 2 ) | time(2)",
        "timetz(6) | timetz(6)", "interval(3) | interval(3)", "timestamp(3) with time zone | timestamptz(3)",
        "TIMESTAMP (1) WITHOUT TIME ZONE | timestamp(1)", "time(4) with time zone | timetz(4)",
        "timestamptz(3)[] | timestamptz(3)[]",
        "regclass | regclass", "regtype | regtype", "regproc | regproc", "regprocedure | regprocedure",
        "regoper | regoper", "regoperator | regoperator", "regrole | regrole", "regnamespace | regnamespace",
        "regconfig | regconfig", "regdictionary | regdictionary", "regcollation | regcollation",
        "regclass[] | regclass[]",
    })
    void parses(String text, String sql) {
        Run r = field(text);
        assertEquals("", r.text());
        assertEquals(sql, r.entity().fields().get(0).type().sql());
    }

    /** How format_type() prints them: what the catalog round trip and col_type_is compare. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "timestamptz(3) | timestamp(3) with time zone", "timestamp(0) | timestamp(0) without time zone",
        "time(2) | time(2) without time zone", "timetz | time with time zone", "interval(3) | interval(3)",
        "varchar | character varying", "varchar(9) | character varying(9)", "regclass[] | regclass[]",
        "numeric(5) | numeric(5,0)",
    })
    void formatType(String text, String formatted) {
        Run r = field(text);
        assertEquals("", r.text());
        assertEquals(formatted, r.entity().fields().get(0).type().formatType());
    }

    @Test
    void enumShorthandKeepsCaseAndNamesTheType() {
        Run r = Run.build("entity: Sale\nschema: shop\nfields:\n  status: enum(New, 'paid', shipped)\n");
        assertEquals("", r.text());
        assertEquals(new FieldType.Enum("shop", "sale_status", List.of("New", "paid", "shipped")),
                r.entity().fields().get(0).type());
    }

    /** Issue 6: enum('it''s') kept the doubled quote, and a comma inside quotes split the label. */
    @Test
    void enumShorthandLabelsAreUnquotedAsInSql() {
        Run r = Run.build("entity: Sale\nfields:\n"
                + "  s: \"enum('it''s', 'a, b', \\\"say \\\"\\\"hi\\\"\\\"\\\", plain)\"\n");
        assertEquals("", r.text());
        assertEquals(List.of("it's", "a, b", "say \"hi\"", "plain"),
                ((FieldType.Enum) r.entity().fields().get(0).type()).values());
        Run open = Run.build("entity: Sale\nfields:\n  s: \"enum('open, b)\"\n");
        assertEquals("a.yaml:3:6: error SG219: enum labels in \"enum('open, b)\" have a quote that is not closed\n"
                + "  hint: quote a label as 'it''s' or \"say \"\"hi\"\"\" (a quote inside is written twice), or use"
                + " values:", open.text());
    }

    @Test
    void enumLongFormWithEnumName() {
        Run r = Run.build("""
                entity: Sale
                fields:
                  status:
                    type: enum
                    values: [new, paid]
                    enum_name: sale_state
                """);
        assertEquals("", r.text());
        assertEquals(new FieldType.Enum("public", "sale_state", List.of("new", "paid")),
                r.entity().fields().get(0).type());
        assertEquals("public.sale_state", r.entity().fields().get(0).type().sql());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "intger | a.yaml:3:6: error SG201: unknown field type \"intger\" (did you mean \"integer\"?)",
        "strnig | a.yaml:3:6: error SG201: unknown field type \"strnig\"",
        // types of contrib extensions: named, not guessed at
        "citext | a.yaml:3:6: error SG201: type citext comes from the citext extension, which the run does not"
                + " declare\\n  hint: add extensions: [citext] to the entity; citext is then written qualified with"
                + " the schema the install creates citext in",
        "LTREE | a.yaml:3:6: error SG201: type ltree comes from the ltree extension, which the run does not"
                + " declare\\n  hint: add extensions: [ltree] to the entity; ltree is then written qualified with"
                + " the schema the install creates ltree in",
        "timestmp | a.yaml:3:6: error SG201: unknown field type \"timestmp\" (did you mean \"timestamp\"?)",
        // other systems' names: the PostgreSQL type, with a hint
        "datetime | a.yaml:3:6: error SG201: unknown field type \"datetime\" (did you mean \"timestamp\"?)\\n"
                + "  hint: PostgreSQL calls it timestamp; use timestamptz for points in time (it stores UTC)",
        "String | a.yaml:3:6: error SG201: unknown field type \"String\" (did you mean \"text\"?)\\n"
                + "  hint: PostgreSQL strings are text (or varchar(n) with a length limit)",
        "int64 | a.yaml:3:6: error SG201: unknown field type \"int64\" (did you mean \"bigint\"?)\\n"
                + "  hint: bigint is PostgreSQL's 64-bit integer",
        "int32 | a.yaml:3:6: error SG201: unknown field type \"int32\" (did you mean \"integer\"?)\\n"
                + "  hint: integer is PostgreSQL's 32-bit integer",
        "float | a.yaml:3:6: error SG201: unknown field type \"float\" (did you mean \"double precision\"?)\\n"
                + "  hint: PostgreSQL floating point types are double precision (8 bytes) and real (4 bytes)",
        "serial | a.yaml:3:6: error SG201: type \"serial\" is not supported\\n"
                + "  hint: use type: integer with identity: always (or identity: by default)",
        "BIGSERIAL | a.yaml:3:6: error SG201: type \"BIGSERIAL\" is not supported\\n"
                + "  hint: use type: bigint with identity: always (or identity: by default)",
        "timestamptz(7) | a.yaml:3:6: error SG219: timestamptz takes a precision from 0 to 6 (digits of fractional"
                + " seconds), found \"timestamptz(7)\"\\n  hint: write timestamptz(3) for milliseconds, or timestamptz"
                + " for microseconds",
        "regclass(2) | a.yaml:3:6: error SG219: type regclass takes no parameters, found \"regclass(2)\"",
        "char | a.yaml:3:6: error SG219: char needs a length, found \"char\"\\n  hint: write char(n), or use text",
        "varchar(n) | a.yaml:3:6: error SG219: varchar takes one integer length, found \"varchar(n)\"",
        "numeric(a,b) | a.yaml:3:6: error SG219: numeric takes (precision) or (precision, scale) as integers,"
                + " found \"numeric(a,b)\"\\n  hint: write numeric(10,2), numeric(12) or numeric",
        "decimal(1,2,3) | a.yaml:3:6: error SG219: numeric takes (precision) or (precision, scale) as integers,"
                + " found \"decimal(1,2,3)\"\\n  hint: write numeric(10,2), numeric(12) or numeric",
        "integer(5) | a.yaml:3:6: error SG219: type integer takes no parameters, found \"integer(5)\"",
        "text[][] | a.yaml:3:6: error SG219: type \"text[][]\" has more than one array dimension\\n"
                + "  hint: specgen supports one-dimensional arrays such as text[]",
    })
    void rejects(String text, String expected) {
        Run r = field(text);
        assertEquals(expected.replace("\\n", "\n"), r.text());
        assertEquals(List.of(), r.entity().fields(), "a field with an unreadable type is left out");
    }

    @Test
    void enumValuesTwice() {
        Run r = Run.build("""
                entity: Sale
                fields:
                  s: {type: "enum(a, b)", values: [a, b]}
                """);
        assertEquals("a.yaml:3:13: error SG219: enum values are given twice, in \"enum(a, b)\" and in values:\n"
                + "  hint: keep one of them", r.text());
    }

    @Test
    void commaInAFlowMapping() {
        Run r = Run.build("entity: Sale\nfields:\n  price: {type: decimal(10,2), nullable: false}\n");
        assertEquals("""
                a.yaml:3:17: error SG219: type "decimal(10" has no closing parenthesis
                  hint: inside {...} quote types that contain commas: {type: "decimal(10,2)"}
                a.yaml:3:28: error SG106: unknown key "2)" in field "price\"""", r.text());
    }

    @Test
    void valuesOnlyForEnums() {
        Run r = Run.build("""
                entity: Sale
                fields:
                  s:
                    type: text
                    values: [a]
                    enum_name: x
                """);
        assertEquals("""
                a.yaml:5:5: error SG219: "values" only applies to enum fields; field "s" is text
                a.yaml:6:5: error SG219: "enum_name" only applies to enum fields; field "s" is text""", r.text());
    }
}
