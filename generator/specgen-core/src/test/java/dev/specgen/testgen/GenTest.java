package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Seed value expressions: SQL of a row expression, and the same value computed in Java for lookups. */
class GenTest {

    @Test
    void ordinaryAndKeyNumbers() {
        Gen cycle = SeedPlan.forType(new FieldType.Simple(Kind.INTEGER), false);
        assertEquals("1 + (i % 15)", cycle.sql("i"));
        assertEquals("1 + ((1 + (i % 100)) % 15)", cycle.sql("1 + (i % 100)"));
        assertEquals("2", cycle.literal(1));
        assertEquals("i", SeedPlan.forType(new FieldType.Simple(Kind.BIGINT), true).sql("i"));
        assertEquals("(1 + (i % 15))::money", SeedPlan.forType(new FieldType.Simple(Kind.MONEY), false).sql("i"));
        assertEquals("1 + (i % 9)", SeedPlan.forType(new FieldType.Numeric(Optional.of(3), Optional.of(2)), false)
                .sql("i"));
    }

    @Test
    void valuesComputedInJavaMatchTheSql() {
        assertEquals("'c4ca4238-a0b9-2382-0dcc-509a6f75849b'", new Gen.Uuid().literal(1)); // md5('1')::uuid
        assertEquals("'2024-01-01 00:01:00+00'", new Gen.Minutes(Kind.TIMESTAMPTZ).literal(1));
        assertEquals("'2024-01-01'", new Gen.Minutes(Kind.DATE).literal(1));
        assertEquals("'v1'", new Gen.Text(0).literal(1));
        assertEquals("'v12'", new Gen.Text(3).literal(1234));
        assertEquals("false", new Gen.Bool().literal(10));
        assertEquals("'b'", new Gen.Labels("s.t", List.of("a", "b")).literal(1));
        assertEquals("'us'", new Gen.Pick(List.of("'de'", "'us'"), "text").literal(1));
        assertEquals("'c81e728d-9d4c-2f63-6f06-7f89cc14862c'", new Gen.Ref(new Gen.Uuid(), 100, "100").literal(1));
        assertEquals("'10.0.0.0'::inet + 1", SeedPlan.forType(new FieldType.Simple(Kind.INET), false).literal(1));
    }

    @Test
    void rangeKeysSpreadOverThePartitions() {
        Gen ts = new Gen.Spread("'2024-01-01'", "'2025-01-01'", "timestamp", Gen.Arithmetic.TIMESTAMP, "n",
                List.of("'2024-01-01'", "'2024-02-01'"));
        assertEquals("'2024-01-01'::timestamp + (i - 1) * (('2025-01-01'::timestamp - '2024-01-01'::timestamp)"
                + " / n)", ts.sql("i"));
        assertEquals("'2024-01-01'", ts.literal(1));
        assertEquals(Optional.of(List.of("'2024-01-01'", "'2024-02-01'")), ts.window());
        Gen ints = new Gen.Spread("0", "3000", "bigint", Gen.Arithmetic.INTEGER, "100", List.of("0", "1000"));
        assertEquals("(0 + (((1 + (i % 100)) - 1)::bigint * (3000 - 0)) / 100)::bigint", ints.sql("1 + (i % 100)"));
    }

    @Test
    void arraysEnumsAndListsInTurn() {
        assertEquals("ARRAY['v' || i]", SeedPlan.forType(new FieldType.Array(new FieldType.Simple(Kind.TEXT)),
                false).sql("i"));
        assertEquals("(enum_range(NULL::s.t))[1 + (i % 2)]", new Gen.Labels("s.t", List.of("a", "b")).sql("i"));
        assertEquals("(ARRAY['de', 'us']::varchar(2)[])[1 + (i % 2)]",
                new Gen.Pick(List.of("'de'", "'us'"), "varchar(2)").sql("i"));
    }
}
