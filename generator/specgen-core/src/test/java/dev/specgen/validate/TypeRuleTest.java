package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeRuleTest {

    private static String field(String yaml) {
        return Run.validate("entity: Sale\nfields:\n  f: " + yaml + "\n").text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "numeric(1000,1000)", "decimal(10,0)", "varchar(10485760)", "char(1)", "enum(a, b)",
        "{type: bigint, identity: always, primary_key: true}", "{type: smallint, identity: by default}",
        "{type: boolean, default: false}", "{type: integer, default: 0}", "{type: text, default: 0}",
        "{type: 'enum(new, paid)', default: \"'new'\"}", "{type: timestamptz, default: now()}",
        "{type: date, default: current_date}", "{type: uuid, default: gen_random_uuid()}",
        // SQL key words that are values may stand bare
        "{type: text, default: current_user}", "{type: text, default: NULL}", "{type: boolean, default: TRUE}",
        "{type: timestamp, default: LOCALTIMESTAMP}", "{type: text, default: \"'pending'\"}",
    })
    void accepts(String yaml) {
        assertEquals("", field(yaml));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "numeric(0) | a.yaml:3:6: error SG219: numeric precision must be from 1 to 1000, found 0",
        "numeric(1001,2) | a.yaml:3:6: error SG219: numeric precision must be from 1 to 1000, found 1001",
        "numeric(5,6) | a.yaml:3:6: error SG219: numeric scale must be from 0 to the precision 5, found 6",
        "varchar(0) | a.yaml:3:6: error SG219: varchar length must be from 1 to 10485760, found 0",
        "char(20000000) | a.yaml:3:6: error SG219: char length must be from 1 to 10485760, found 20000000\\n"
                + "  hint: use text for long values",
        "enum() | a.yaml:3:6: error SG219: enum field \"f\" has no values\\n  hint: list them: enum(a, b, c), or"
                + " type: enum with values: [a, b, c]",
        "enum(a, b, a) | a.yaml:3:6: error SG219: enum value \"a\" appears twice in field \"f\"",
        "{type: enum, values: []} | a.yaml:3:13: error SG219: enum field \"f\" has no values\\n  hint: list them:"
                + " enum(a, b, c), or type: enum with values: [a, b, c]",
        "{type: text, identity: always} | a.yaml:3:13: error SG225: identity column \"f\" must be smallint,"
                + " integer or bigint, found text\\n  hint: use type: bigint for identity columns",
        "{type: bigint, identity: always, nullable: true} | a.yaml:3:3: error SG225: identity column \"f\" cannot"
                + " be nullable\\n  hint: drop nullable: true; identity columns are always NOT NULL",
        "{type: bigint, primary_key: true, nullable: true} | a.yaml:3:3: error SG225: primary key column \"f\""
                + " cannot be nullable\\n  hint: drop nullable: true; primary key columns are always NOT NULL",
        "{type: bigint, identity: always, default: 1} | a.yaml:3:48: error SG221: identity column \"f\" cannot have"
                + " a default\\n  hint: drop default: or identity:",
        "{type: boolean, default: 0} | a.yaml:3:31: error SG221: default 0 does not fit field \"f\" of type boolean",
        "{type: integer, default: true} | a.yaml:3:31: error SG221: default true does not fit field \"f\" of type"
                + " integer",
        "{type: uuid, default: 1} | a.yaml:3:28: error SG221: default 1 does not fit field \"f\" of type uuid",
        "{type: text, default: \"\"} | a.yaml:3:28: error SG221: default of field \"f\" is empty\\n  hint: give an"
                + " SQL expression, or drop default:",
        "{type: 'enum(new, paid)', default: \"'nw'\"} | a.yaml:3:41: error SG221: default 'nw' is not a value of"
                + " enum field \"f\" (did you mean \"new\"?)\\n  hint: values: new, paid",
        "{type: 'enum(new, paid)', default: paid} | a.yaml:3:41: error SG221: default paid of field \"f\" reads as"
                + " a column name in SQL\\n  hint: quote the label: default: \"'paid'\"",
        // bare words: SQL reads them as column references, which PostgreSQL rejects in DEFAULT
        "{type: 'enum(new, paid)', default: payd} | a.yaml:3:41: error SG221: default payd of field \"f\" reads as"
                + " a column name in SQL (did you mean \"paid\"?)\\n  hint: quote one of the labels: default:"
                + " \"'paid'\" (values: new, paid)",
        "{type: text, default: pending} | a.yaml:3:28: error SG221: default pending of field \"f\" reads as a"
                + " column name in SQL\\n  hint: quote the text: default: \"'pending'\"",
        "{type: boolean, default: yes} | a.yaml:3:31: error SG221: default yes of field \"f\" reads as a column name"
                + " in SQL\\n  hint: write default: true (YAML 1.2 reads yes as the string \"yes\", not a boolean)",
        "{type: boolean, default: Off} | a.yaml:3:31: error SG221: default Off of field \"f\" reads as a column name"
                + " in SQL\\n  hint: write default: false (YAML 1.2 reads Off as the string \"Off\", not a boolean)",
        "{type: boolean, default: maybe} | a.yaml:3:31: error SG221: default maybe of field \"f\" reads as a column"
                + " name in SQL\\n  hint: write default: true or default: false",
        "{type: timestamptz, default: now} | a.yaml:3:35: error SG221: default now of field \"f\" reads as a column"
                + " name in SQL\\n  hint: write an expression such as now(), current_date or current_timestamp, or"
                + " a quoted literal",
        "{type: text, default: system_user} | a.yaml:3:28: error SG221: default system_user of field \"f\" reads as"
                + " a column name in SQL\\n  hint: system_user is a value only from PostgreSQL 16 on; there, write"
                + " default: (system_user)",
        "{type: integer, default: zero} | a.yaml:3:31: error SG221: default zero of field \"f\" reads as a column"
                + " name in SQL\\n  hint: write an SQL literal or expression; quoted text is a literal: default:"
                + " \"'zero'\"",
    })
    void reports(String yaml, String expected) {
        assertEquals(expected.replace("\\n", "\n"), field(yaml));
    }
}
