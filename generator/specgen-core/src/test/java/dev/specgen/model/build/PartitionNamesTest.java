package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.PartitionSpec;
import dev.specgen.model.PartitionSpec.Bound;
import dev.specgen.model.Partitioning;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 3: {@code partition_name:} patterns, hash {@code names:}, {@code partition_schema:} and explicit
 * RANGE bounds with a time of day, read into the model (exact names, bounds and diagnostics).
 */
class PartitionNamesTest {

    /** Fields d (date), t (timestamp), tz (timestamptz), n (bigint), all NOT NULL; the table is sale. */
    private static Run partitioning(String yaml) {
        return Run.build("""
                entity: Sale
                fields:
                  d: {type: date, nullable: false}
                  t: {type: timestamp, nullable: false}
                  tz: {type: timestamptz, nullable: false}
                  n: {type: bigint, nullable: false}
                partitioning:
                """ + yaml);
    }

    private static Partitioning ok(String yaml) {
        Run r = partitioning(yaml);
        assertEquals("", r.text());
        return r.entity().partitioning().orElseThrow();
    }

    private static List<String> names(Partitioning p) {
        return p.partitions().stream().map(s -> s.name().resolve("sale", "sale")).toList();
    }

    private static List<Bound> bounds(Partitioning p) {
        return p.partitions().stream().map(PartitionSpec::bound).toList();
    }

    @Test
    void dailyPatternNamesEachDay() {
        assertEquals(List.of("sale_2024_01_30", "sale_2024_01_31", "sale_2024_02_01"), names(ok("""
                  strategy: range
                  column: d
                  interval: daily
                  from: 2024-01-30
                  to: 2024-02-02
                  partition_name: "{table}_{yyyy}_{mm}_{dd}"
                """)));
    }

    @Test
    void weeklyPatternUsesTheIsoWeekBasedYear() {
        assertEquals(List.of("sale_p2025w01", "sale_p2025w02"), names(ok("""
                  strategy: range
                  column: d
                  interval: weekly
                  from: 2024-12-30
                  to: 2025-01-13
                  partition_name: "{table}_p{iyyy}w{iw}"
                """)));
    }

    @Test
    void quarterlyAndStepPatterns() {
        assertEquals(List.of("q2024_1_sale", "q2024_2_sale"), names(ok("""
                  strategy: range
                  column: d
                  interval: quarterly
                  from: 2024-01-01
                  to: 2024-07-01
                  partition_name: "q{yyyy}_{q}_{table}"
                """)));
        assertEquals(List.of("sale_pm1000", "sale_p0"), names(ok("""
                  strategy: range
                  column: n
                  step: 1000
                  from: -1000
                  to: 1000
                  partition_name: "{table}_p{from}"
                """)));
    }

    @Test
    void hashPatternAndNames() {
        Partitioning p = ok("""
                  strategy: hash
                  column: n
                  modulus: 12
                  partition_name: "{table}_{nn}"
                """);
        assertEquals("sale_00", names(p).get(0));
        assertEquals("sale_11", names(p).get(11));
        assertEquals(List.of("sale_even", "sale_odd"), names(ok("""
                  strategy: hash
                  column: n
                  modulus: 2
                  names: [even, odd]
                """)));
    }

    @Test
    void subpartitionPatternNamesByItsParent() {
        Partitioning p = ok("""
                  strategy: range
                  column: n
                  step: 10
                  from: 0
                  to: 20
                  subpartition:
                    strategy: hash
                    column: d
                    modulus: 2
                    partition_name: "{parent}_s{n}"
                """);
        PartitionSpec first = p.subpartitioning().orElseThrow().partitions().get(1);
        assertEquals("sale_p10_s1", first.name().resolve("sale", "sale_p10"));
    }

    @Test
    void partitionSchemaIsTopLevelOnly() {
        assertEquals("parts", ok("""
                  strategy: hash
                  column: n
                  modulus: 2
                  partition_schema: parts
                """).partitionSchema("public"));
        assertEquals("a.yaml:17:5: error SG216: \"partition_schema\" goes under partitioning:, not subpartition:\n"
                + "  hint: every partition of the table, subpartitions included, lives in the partition_schema of the"
                + " table's partitioning", partitioning("""
                  strategy: range
                  column: n
                  step: 10
                  from: 0
                  to: 20
                  subpartition:
                    strategy: hash
                    column: d
                    modulus: 2
                    partition_schema: parts
                """).text());
    }

    @Test
    void patternErrors() {
        assertEquals("a.yaml:13:19: error SG294: partition_name does not name monthly partitions apart: it needs"
                + " {yyyy} and {mm}\n  hint: for example {table}_{yyyy}{mm}", partitioning("""
                  strategy: range
                  column: d
                  interval: monthly
                  from: 2024-01-01
                  to: 2024-03-01
                  partition_name: "{table}_{yyyy}"
                """).text());
        assertEquals("a.yaml:11:19: error SG293: partition_name \"{table}_{nm}\" has an unknown placeholder {nm}"
                + " (did you mean \"{mm}\"?)\n  hint: placeholders: {table}, {parent}, {yyyy}, {mm}, {dd}, {q}, {iyyy},"
                + " {iw}, {from}, {n}, {nn}", partitioning("""
                  strategy: hash
                  column: n
                  modulus: 2
                  partition_name: "{table}_{nm}"
                """).text());
        assertEquals("a.yaml:11:10: error SG295: \"names\" lists 1 name for modulus 2\n  hint: list one name per"
                + " remainder, in remainder order (remainder 0 first)", partitioning("""
                  strategy: hash
                  column: n
                  modulus: 2
                  names: [only]
                """).text());
    }

    @Test
    void timeOfDayBounds() {
        Partitioning p = ok("""
                  strategy: range
                  column: tz
                  partitions:
                    - {name: a, from: 2024-01-01, to: "2024-01-01 14:00:00+02"}
                    - {name: b, from: "2024-01-01T12:00Z", to: "2024-01-01 18:30:00.25-04:30"}
                """);
        assertEquals(List.of(new Bound.Range("'2024-01-01 00:00:00+00'", "'2024-01-01 12:00:00+00'"),
                new Bound.Range("'2024-01-01 12:00:00+00'", "'2024-01-01 23:00:00.25+00'")), bounds(p));
        Partitioning t = ok("""
                  strategy: range
                  column: t
                  partitions:
                    - {name: a, from: 2024-01-01, to: "2024-01-01 06:00"}
                """);
        assertEquals(List.of(new Bound.Range("'2024-01-01'", "'2024-01-01 06:00:00'")), bounds(t));
        assertEquals("a.yaml:11:39: error SG214: \"to\" \"2024-01-01 06:00+01\" has a time zone offset, but column"
                + " \"t\" is timestamp without time zone\n  hint: write the local time without an offset, or make the"
                + " column timestamptz", partitioning("""
                  strategy: range
                  column: t
                  partitions:
                    - {name: a, from: 2024-01-01, to: "2024-01-01 06:00+01"}
                """).text());
    }
}
