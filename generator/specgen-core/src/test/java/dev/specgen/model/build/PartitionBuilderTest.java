package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Named;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.PartitionSpec.Bound;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Partitioning.Strategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionBuilderTest {

    /** Fields d (date), t (timestamp), tz (timestamptz), n (bigint), r (text), all NOT NULL. */
    private static Run partitioning(String yaml) {
        return Run.build("""
                entity: Sale
                fields:
                  d: {type: date, nullable: false}
                  t: {type: timestamp, nullable: false}
                  tz: {type: timestamptz, nullable: false}
                  n: {type: bigint, nullable: false}
                  r: {type: text, nullable: false}
                partitioning:
                """ + yaml);
    }

    private static Partitioning ok(String yaml) {
        Run r = partitioning(yaml);
        assertEquals("", r.text());
        return r.entity().partitioning().orElseThrow();
    }

    private static List<String> suffixes(Partitioning p) {
        return p.partitions().stream().map(s -> s.name().resolve("", "").substring(1)).toList();
    }

    @Test
    void monthly() {
        Partitioning p = ok("  strategy: RANGE\n  column: d\n  interval: monthly\n  from: 2024-01-01\n"
                + "  to: '2024-04-01'\n");
        assertEquals(Strategy.RANGE, p.strategy());
        assertEquals(new Named("d", new SourcePos("a.yaml", 10, 11)), p.column());
        assertEquals(List.of(
                new PartitionSpec("p2024_01", new Bound.Range("'2024-01-01'", "'2024-02-01'"),
                        new SourcePos("a.yaml", 11, 3)),
                new PartitionSpec("p2024_02", new Bound.Range("'2024-02-01'", "'2024-03-01'"),
                        new SourcePos("a.yaml", 11, 3)),
                new PartitionSpec("p2024_03", new Bound.Range("'2024-03-01'", "'2024-04-01'"),
                        new SourcePos("a.yaml", 11, 3))), p.partitions());
        assertEquals(true, p.defaultPartition());
        assertTrue(p.subpartitioning().isEmpty());
    }

    @Test
    void seedIntervalsListAndTimestamptzBounds() {
        Partitioning p = ok("  strategy: range\n  column: tz\n  intervals:\n    - monthly\n  from: 2024-11-01\n"
                + "  to: 2025-01-01\n  default: false\n");
        assertEquals(List.of("p2024_11", "p2024_12"), suffixes(p));
        assertEquals(new Bound.Range("'2024-12-01 00:00:00+00'", "'2025-01-01 00:00:00+00'"),
                p.partitions().get(1).bound());
        assertEquals(false, p.defaultPartition());
    }

    @ParameterizedTest(name = "{0} {1}..{2}")
    @CsvSource(delimiter = '|', value = {
        "daily | 2024-02-28 | 2024-03-02 | p2024_02_28 p2024_02_29 p2024_03_01",
        "weekly | 2024-12-23 | 2025-01-13 | p2024_w52 p2025_w01 p2025_w02",
        "weekly | 2020-12-28 | 2021-01-11 | p2020_w53 p2021_w01",
        "monthly | 2024-11-01 | 2025-02-01 | p2024_11 p2024_12 p2025_01",
        "quarterly | 2024-07-01 | 2025-04-01 | p2024_q3 p2024_q4 p2025_q1",
        "yearly | 2023-01-01 | 2025-01-01 | p2023 p2024",
    })
    void intervals(String interval, String from, String to, String expected) {
        Partitioning p = ok("  strategy: range\n  column: t\n  interval: " + interval + "\n  from: " + from
                + "\n  to: " + to + "\n");
        assertEquals(List.of(expected.split(" ")), suffixes(p));
        assertEquals("'" + from + "'", ((Bound.Range) p.partitions().get(0).bound()).from());
        assertEquals("'" + to + "'", ((Bound.Range) p.partitions().get(p.partitions().size() - 1).bound()).to());
    }

    @Test
    void integerStep() {
        Partitioning p = ok("  strategy: range\n  column: n\n  step: 1000000\n  from: 0\n  to: 3000000\n");
        assertEquals(List.of("p0", "p1000000", "p2000000"), suffixes(p));
        assertEquals(new Bound.Range("0", "1000000"), p.partitions().get(0).bound());
        Partitioning neg = ok("  strategy: range\n  column: n\n  step: 10\n  from: -10\n  to: 10\n");
        assertEquals(List.of("pm10", "p0"), suffixes(neg));
    }

    /** Review B1: to - from of two bigints overflowed, and the wrapped loop never ended. */
    @Test
    void stepArithmeticDoesNotOverflow() {
        String min = "-9223372036854775808";
        String max = "9223372036854775807";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals("a.yaml:13:7: error SG214: \"to\" - \"from\" (18446744073709551615) is not a multiple of"
                    + " \"step\" (9223372036854775807)\n  hint: use to: 9223372036854775806",
                    partitioning("  strategy: range\n  column: n\n  step: " + max + "\n  from: " + min + "\n  to: "
                            + max + "\n").text());
            assertEquals("a.yaml:11:3: error SG218: step 3 from " + min + " to " + max + " would make"
                    + " 6148914691236517205 partitions; the limit is 1000\n  hint: use a larger step or a narrower"
                    + " range", partitioning("  strategy: range\n  column: n\n  step: 3\n  from: " + min
                            + "\n  to: " + max + "\n").text());
        });
        // (2^64 - 1) / 255: the whole bigint range in 255 partitions, the first one named without wrapping
        Partitioning p = ok("  strategy: range\n  column: n\n  step: 72340172838076673\n  from: " + min
                + "\n  to: " + max + "\n");
        assertEquals(255, p.partitions().size());
        assertEquals("_pm9223372036854775808", p.partitions().get(0).name().resolve("", ""));
        assertEquals(new Bound.Range("9151031864016699134", max), p.partitions().get(254).bound());
    }

    /** Review B2: bounds PostgreSQL rejects with "smallint out of range" are SG214 at the value. */
    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`  step: 50000\n  from: 0\n  to: 100000\n` | a.yaml:11:7: error SG214: \"to\" 100000 is out of range for"
                + " column \"s\" (smallint)\\n  hint: \"s\" is smallint: values from -32768 to 32767",
        "`  step: 10\n  from: -40000\n  to: 0\n` | a.yaml:10:9: error SG214: \"from\" -40000 is out of range for"
                + " column \"s\" (smallint)\\n  hint: \"s\" is smallint: values from -32768 to 32767",
        "`  step: 10000\n  from: 0\n  to: 32767\n` | a.yaml:11:7: error SG214: \"to\" - \"from\" (32767) is not a"
                + " multiple of \"step\" (10000)\\n  hint: use to: 30000",
        "`  partitions:\n    - {name: a, from: 0, to: 32768}\n` | a.yaml:10:30: error SG214: \"to\" 32768 is out of"
                + " range for column \"s\" (smallint)\\n  hint: \"s\" is smallint: values from -32768 to 32767",
    })
    void boundsFitTheIntegerType(String yaml, String expected) {
        assertEquals(expected.replace("\\n", "\n"), Run.build("""
                entity: Sale
                fields:
                  n: {type: bigint, nullable: false}
                  i: {type: integer, nullable: false}
                  s: {type: smallint, nullable: false}
                partitioning:
                  strategy: range
                  column: s
                """ + yaml).text());
    }

    @Test
    void bigintBoundsPastALongAreOutOfRangeToo() {
        assertEquals("a.yaml:13:7: error SG214: \"to\" 9223372036854775808 is out of range for column \"n\""
                + " (bigint)\n  hint: \"n\" is bigint: values from -9223372036854775808 to 9223372036854775807",
                partitioning("  strategy: range\n  column: n\n  step: 1\n  from: 0\n  to: 9223372036854775808\n")
                        .text());
        assertEquals(List.of("p32760"), suffixes(Run.build("entity: Sale\nfields:\n  s: {type: smallint, nullable:"
                + " false}\npartitioning: {strategy: range, column: s, step: 7, from: 32760, to: 32767}\n").entity()
                .partitioning().orElseThrow()));
    }

    @Test
    void hash() {
        Partitioning p = ok("  strategy: hash\n  column: n\n  modulus: 16\n");
        assertEquals(16, p.partitions().size());
        assertEquals(new PartitionSpec("h00", new Bound.Hash(16, 0), new SourcePos("a.yaml", 11, 3)),
                p.partitions().get(0));
        assertEquals("_h15", p.partitions().get(15).name().resolve("", ""));
        assertEquals(false, p.defaultPartition());
        assertEquals(List.of("h0", "h1", "h2"), suffixes(ok("  strategy: hash\n  column: n\n  modulus: 3\n")));
    }

    @Test
    void list() {
        Partitioning p = ok("""
                  strategy: list
                  column: r
                  partitions:
                    - {name: eu, values: [de, "it's", 7, true, null]}
                    - {name: us, values: [us]}
                """);
        // r is text: 7 and true are text too, quoted as such ('7' = '07' would be wrong for 07)
        assertEquals(new PartitionSpec("eu", new Bound.ListValues(List.of("'de'", "'it''s'", "'7'", "'true'",
                "NULL")), new SourcePos("a.yaml", 12, 7)), p.partitions().get(0));
        assertEquals(true, p.defaultPartition());
    }

    /** Fields n (bigint), s (smallint), b (boolean), e (enum), d (date), tz (timestamptz), x (numeric). */
    private static Run typedList(String column, String values) {
        return Run.build("""
                entity: Sale
                fields:
                  n: {type: bigint, nullable: false}
                  s: {type: smallint, nullable: false}
                  b: {type: boolean, nullable: false}
                  e: {type: 'enum(new, paid, "1")', nullable: false}
                  d: {type: date, nullable: false}
                  tz: {type: timestamptz, nullable: false}
                  x: {type: 'numeric(6,2)', nullable: false}
                partitioning:
                  strategy: list
                """ + "  column: " + column + "\n  partitions:\n    - {name: a, values: " + values + "}\n");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "n | [1, -2, \"3\", 0x10] | 1, -2, 3, 16",
        "s | [32767] | 32767",
        "b | [true, False] | true, false",
        "e | [new, paid, 1] | 'new', 'paid', '1'",
        "d | [2024-01-31, '2024-02-01'] | '2024-01-31', '2024-02-01'",
        "tz | [2024-01-31, 2024-01-31 12:30] | '2024-01-31 00:00:00+00', '2024-01-31 12:30+00'",
        "x | [1.5, 2] | 1.5, 2",
    })
    void listValuesFitTheColumnType(String column, String values, String sql) {
        Run r = typedList(column, values);
        assertEquals("", r.text());
        assertEquals(List.of(sql.split(", ")), ((Bound.ListValues) r.entity().partitioning().orElseThrow()
                .partitions().get(0).bound()).values());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "n | [EU, 1.5] | a.yaml:14:26: error SG214: each item of \"values\" must be an integer for column \"n\","
                + " found \"EU\"\\n  hint: \"n\" is bigint: list integers, for example values: [1, 2]\\n"
                + "a.yaml:14:30: error SG214: each item of \"values\" must be an integer for column \"n\", found"
                + " \"1.5\"\\n  hint: \"n\" is bigint: list integers, for example values: [1, 2]",
        "n | [9223372036854775808] | a.yaml:14:26: error SG214: each item of \"values\" must be an integer from"
                + " -9223372036854775808 to 9223372036854775807 for column \"n\", found \"9223372036854775808\"",
        "s | [40000] | a.yaml:14:26: error SG214: each item of \"values\" must be an integer from -32768 to 32767"
                + " for column \"s\", found \"40000\"",
        "b | [yes] | a.yaml:14:26: error SG214: each item of \"values\" must be true or false for column \"b\","
                + " found \"yes\"\\n  hint: \"b\" is boolean: YAML 1.2 reads yes/no/on/off as strings; write true"
                + " or false",
        "e | [payd] | a.yaml:14:26: error SG214: each item of \"values\" must be a value of the enum for column"
                + " \"e\", found \"payd\" (did you mean \"paid\"?)\\n  hint: \"e\" is enum public.sale_e: values:"
                + " new, paid, 1",
        "d | [2024-02-30] | a.yaml:14:26: error SG214: each item of \"values\" must be an ISO date such as"
                + " 2024-01-01 for column \"d\", found \"2024-02-30\"\\n  hint: \"d\" is date: write dates as"
                + " YYYY-MM-DD",
        "x | [abc] | a.yaml:14:26: error SG214: each item of \"values\" must be a number for column \"x\", found"
                + " \"abc\"\\n  hint: \"x\" is numeric(6,2): list numbers, for example values: [1.5, 2]",
    })
    void listValuesThatDoNotFitAreReportedAtTheValue(String column, String values, String expected) {
        assertEquals(expected.replace("\\n", "\n"), typedList(column, values).text());
    }

    @Test
    void explicitRanges() {
        Partitioning p = ok("""
                  strategy: range
                  column: d
                  partitions:
                    - {name: recent, from: 2024-01-01, to: MAXVALUE}
                    - {name: old, from: minvalue, to: 2024-01-01}
                """);
        assertEquals(List.of(new Bound.Range("'2024-01-01'", "MAXVALUE"), new Bound.Range("MINVALUE",
                "'2024-01-01'")), p.partitions().stream().map(PartitionSpec::bound).toList());
        Partitioning ints = ok("  strategy: range\n  column: n\n  partitions:\n    - {name: low, from: 0, to: 10}\n"
                + "    - {name: high, from: 10, to: 20}\n");
        assertEquals(new Bound.Range("10", "20"), ints.partitions().get(1).bound());
    }

    @Test
    void subpartition() {
        Partitioning p = ok("""
                  strategy: range
                  column: d
                  interval: yearly
                  from: 2024-01-01
                  to: 2025-01-01
                  subpartition: {strategy: hash, column: n, modulus: 4}
                """);
        Partitioning sub = p.subpartitioning().orElseThrow();
        assertEquals(Strategy.HASH, sub.strategy());
        assertEquals(List.of("h0", "h1", "h2", "h3"), suffixes(sub));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // missing and conflicting keys
        "`  column: d\n` | a.yaml:9:3: error SG108: missing required key \"strategy\" in partitioning",
        "`  strategy: ranges\n  column: d\n` | a.yaml:9:13: error SG109: partition strategy \"ranges\" is not one of"
                + " range, list, hash (did you mean \"range\"?)",
        "`  strategy: range\n  column: d\n` | a.yaml:9:3: error SG216: range partitioning needs one of \"interval\","
                + " \"step\" or \"partitions\"\\n  hint: write interval: monthly with from: and to:, for example",
        "`  strategy: range\n  column: d\n  interval: monthly\n` | a.yaml:11:3: error SG216: range partitioning by"
                + " interval needs \"from\" and \"to\"\\n  hint: partition bounds are computed from the spec, never"
                + " from today's date",
        "`  strategy: range\n  column: n\n  step: 10\n  to: 100\n` | a.yaml:11:3: error SG216: range partitioning"
                + " by step needs \"from\" and \"to\"\\n  hint: partition bounds are computed from the spec, never"
                + " from today's date",
        "`  strategy: range\n  column: d\n  interval: monthly\n  step: 1\n` | a.yaml:12:3: error SG216: range"
                + " partitioning takes one of \"interval\", \"step\" or \"partitions\", found \"interval\" and"
                + " \"step\"",
        "`  strategy: hash\n  column: n\n  modulus: 4\n  default: true\n` | a.yaml:12:3: error SG216: hash"
                + " partitioning has no default partition\\n  hint: drop default: every row hashes to a partition",
        "`  strategy: hash\n  column: n\n` | a.yaml:9:3: error SG216: hash partitioning needs \"modulus\"\\n"
                + "  hint: write modulus: 16 for 16 partitions",
        "`  strategy: hash\n  column: n\n  modulus: 2\n  partitions: []\n` | a.yaml:12:3: error SG216:"
                + " \"partitions\" is not used by hash partitioning\\n  hint: hash partitions are made from"
                + " \"modulus\"",
        "`  strategy: list\n  column: r\n` | a.yaml:9:3: error SG216: list partitioning needs \"partitions\"\\n"
                + "  hint: write partitions: [{name: eu, values: [de, fr]}, ...]",
        "`  strategy: range\n  column: d\n  modulus: 2\n  partitions: [{name: a, from: 2024-01-01, to: 2025-01-01}]"
                + "\n` | a.yaml:11:3: error SG216: \"modulus\" is not used by range partitioning\\n  hint: range"
                + " partitions come from interval, step or partitions",
        "`  strategy: range\n  column: d\n  interval: yearly\n  from: 2024-01-01\n  to: 2025-01-01\n"
                + "  subpartition: {strategy: hash, column: n, modulus: 2, subpartition: {}}\n` | a.yaml:14:57:"
                + " error SG216: subpartitions go one level deep\\n  hint: partition the subpartition's partitions"
                + " by hand, or drop this level",
        // intervals and dates
        "`  strategy: range\n  column: d\n  intervals: [monthly, daily]\n  from: 2024-01-01\n  to: 2024-02-01\n`"
                + " | a.yaml:11:14: error SG214: \"intervals\" must list exactly one interval, found 2\\n"
                + "  hint: write interval: monthly",
        "`  strategy: range\n  column: d\n  interval: montly\n  from: 2024-01-01\n  to: 2024-02-01\n` |"
                + " a.yaml:11:13: error SG214: unknown partition interval \"montly\" (did you mean \"monthly\"?)\\n"
                + "  hint: intervals: daily, weekly, monthly, quarterly, yearly",
        "`  strategy: range\n  column: d\n  interval: monthly\n  from: 2024-01-15\n  to: 2024-03-01\n` |"
                + " a.yaml:12:9: error SG214: \"from\" 2024-01-15 is not the start of a monthly interval\\n"
                + "  hint: use 2024-01-01: monthly partitions start on the first day of a month",
        "`  strategy: range\n  column: d\n  interval: weekly\n  from: 2024-01-03\n  to: 2024-01-15\n` |"
                + " a.yaml:12:9: error SG214: \"from\" 2024-01-03 is not the start of a weekly interval\\n"
                + "  hint: use 2024-01-01: weekly partitions start on a Monday",
        "`  strategy: range\n  column: d\n  interval: quarterly\n  from: 2024-01-01\n  to: 2024-05-01\n` |"
                + " a.yaml:13:7: error SG214: \"to\" 2024-05-01 is not the start of a quarterly interval\\n"
                + "  hint: use 2024-07-01 (\"to\" is exclusive): quarterly partitions start on January, April,"
                + " July or October 1",
        "`  strategy: range\n  column: d\n  interval: yearly\n  from: 2025-01-01\n  to: 2024-01-01\n` |"
                + " a.yaml:13:7: error SG214: \"to\" 2024-01-01 must be after \"from\" 2025-01-01",
        "`  strategy: range\n  column: d\n  interval: daily\n  from: 2024-02-30\n  to: 2024-03-01\n` |"
                + " a.yaml:12:9: error SG214: \"from\" must be an ISO date such as 2024-01-01, found \"2024-02-30\"",
        "`  strategy: range\n  column: d\n  interval: daily\n  from: 2024-01-01\n  to: 2027-01-01\n` |"
                + " a.yaml:11:3: error SG218: daily partitions from 2024-01-01 to 2027-01-01 would be 1096; the"
                + " limit is 1000\\n  hint: narrow \"from\" and \"to\", or use a coarser interval",
        // column types
        "`  strategy: range\n  column: n\n  interval: monthly\n  from: 2024-01-01\n  to: 2024-02-01\n` |"
                + " a.yaml:11:3: error SG217: range partitioning by interval needs a date or timestamp column;"
                + " \"n\" is bigint\\n  hint: use step: for integer columns",
        "`  strategy: range\n  column: d\n  step: 10\n  from: 0\n  to: 100\n` | a.yaml:11:3: error SG217: range"
                + " partitioning by step needs an integer column; \"d\" is date\\n  hint: use interval: for date"
                + " and timestamp columns",
        // steps
        "`  strategy: range\n  column: n\n  step: 0\n  from: 0\n  to: 100\n` | a.yaml:11:9: error SG214: \"step\""
                + " must be a positive integer, found 0",
        "`  strategy: range\n  column: n\n  step: 1000\n  from: 0\n  to: 1500\n` | a.yaml:13:7: error SG214:"
                + " \"to\" - \"from\" (1500) is not a multiple of \"step\" (1000)\\n  hint: use to: 2000",
        "`  strategy: range\n  column: n\n  step: 1\n  from: 0\n  to: 1001\n` | a.yaml:11:3: error SG218: step 1"
                + " from 0 to 1001 would make 1001 partitions; the limit is 1000\\n  hint: use a larger step or a"
                + " narrower range",
        // hash
        "`  strategy: hash\n  column: n\n  modulus: 2048\n` | a.yaml:11:12: error SG218: \"modulus\" 2048 makes"
                + " more than 1024 partitions\\n  hint: use a modulus from 1 to 1024",
        "`  strategy: hash\n  column: n\n  modulus: 0\n` | a.yaml:11:12: error SG214: \"modulus\" must be a"
                + " positive integer, found 0",
        // explicit ranges and lists
        "`  strategy: range\n  column: d\n  partitions:\n    - {name: a, from: 2024-01-01, to: 2024-03-01}\n"
                + "    - {name: b, from: 2024-02-01, to: 2024-04-01}\n` | a.yaml:13:7: error SG215: partitions a and"
                + " b overlap (b starts at 2024-02-01, before a ends at 2024-03-01)\\n  hint: make b start where a"
                + " ends",
        "`  strategy: range\n  column: n\n  partitions:\n    - {name: b, from: 20, to: 30}\n"
                + "    - {name: a, from: 0, to: 10}\n` | a.yaml:12:7: error SG215: gap between partitions a (to 10)"
                + " and b (from 20)\\n  hint: start b at 10, or add a partition for the gap",
        "`  strategy: range\n  column: n\n  partitions:\n    - {name: a, from: 10, to: 10}\n` | a.yaml:12:31:"
                + " error SG214: partition a: \"to\" 10 must be after \"from\" 10",
        "`  strategy: range\n  column: n\n  partitions:\n    - {name: a, from: x, to: 10}\n` | a.yaml:12:23:"
                + " error SG214: \"from\" must be a number for column \"n\", found \"x\"",
        "`  strategy: range\n  column: d\n  partitions:\n    - {name: A, from: 2024-01-01, to: 2025-01-01}\n` |"
                + " a.yaml:12:14: error SG212: partition name \"A\" is not lower-case snake_case\\n  hint: use"
                + " lower-case letters, digits and underscores; the partition table is named <table>_<name>",
        "`  strategy: list\n  column: r\n  partitions:\n    - {name: eu, values: [de, fr]}\n"
                + "    - {name: europe, values: [fr]}\n` | a.yaml:13:31: error SG215: value 'fr' is listed by"
                + " partitions eu and europe\\n  hint: each value belongs to exactly one list partition",
        "`  strategy: list\n  column: r\n  interval: daily\n  partitions: [{name: eu, values: [de]}]\n` |"
                + " a.yaml:11:3: error SG216: \"interval\" is not used by list partitioning\\n  hint: list"
                + " partitions are given with partitions: [{name, values}]",
    })
    void rejects(String yaml, String expected) {
        assertEquals(expected.replace("\\n", "\n"), partitioning(yaml).text());
    }

    @Test
    void keptWithoutPartitionsWhenBoundsFail() {
        Run r = partitioning("  strategy: range\n  column: d\n  interval: monthly\n");
        assertEquals(List.of(), r.entity().partitioning().orElseThrow().partitions());
    }
}
