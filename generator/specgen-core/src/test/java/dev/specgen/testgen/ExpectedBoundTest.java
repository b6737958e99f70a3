package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Kind;
import dev.specgen.model.PartitionSpec.Bound;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Partition bounds as pg_get_expr prints them (ruleutils get_const_expr), as the want side of is(). */
class ExpectedBoundTest {
    static final FieldType INT = new FieldType.Simple(Kind.INTEGER);
    static final FieldType BIGINT = new FieldType.Simple(Kind.BIGINT);

    @Test
    void hashBoundsAreLowerCase() {
        assertEquals("'FOR VALUES WITH (modulus 16, remainder 3)'", ExpectedBound.of(new Bound.Hash(16, 3), INT));
        assertEquals("'DEFAULT'", ExpectedBound.defaultPartition());
    }

    @Test
    void integersAreBareBigintsQuoted() {
        assertEquals("'FOR VALUES FROM (0) TO (1000)'", ExpectedBound.of(new Bound.Range("0", "1000"), INT));
        assertEquals("'FOR VALUES FROM (''-10'') TO (0)'", ExpectedBound.of(new Bound.Range("-10", "0"), INT));
        assertEquals("'FOR VALUES FROM (''1000'') TO (MAXVALUE)'",
                ExpectedBound.of(new Bound.Range("1000", "MAXVALUE"), BIGINT));
    }

    @Test
    void datesAndTimestampsArePrintedByTheServer() {
        assertEquals("format('FOR VALUES FROM (%L) TO (%L)', '2024-01-01'::timestamp, '2024-02-01'::timestamp)",
                ExpectedBound.of(new Bound.Range("'2024-01-01'", "'2024-02-01'"),
                        new FieldType.Simple(Kind.TIMESTAMP)));
        assertEquals("format('FOR VALUES FROM (MINVALUE) TO (%L)', '2024-12-30 00:00:00+00'::timestamptz)",
                ExpectedBound.of(new Bound.Range("MINVALUE", "'2024-12-30 00:00:00+00'"),
                        new FieldType.Simple(Kind.TIMESTAMPTZ)));
    }

    @Test
    void listValuesKeepTheirOrderAndTypeSpelling() {
        assertEquals("'FOR VALUES IN (''de'', ''fr'', NULL)'", ExpectedBound.of(new Bound.ListValues(
                List.of("'de'", "'fr'", "NULL")), new FieldType.Simple(Kind.TEXT)));
        assertEquals("'FOR VALUES IN (''1'', ''2'')'", ExpectedBound.of(new Bound.ListValues(List.of("1", "2")),
                new FieldType.Simple(Kind.TEXT)));
        assertEquals("'FOR VALUES IN (''eu '')'", ExpectedBound.of(new Bound.ListValues(List.of("'eu'")),
                new FieldType.Sized("char", 3)));
        assertEquals("'FOR VALUES IN (true)'", ExpectedBound.of(new Bound.ListValues(List.of("true")),
                new FieldType.Simple(Kind.BOOLEAN)));
        assertEquals("'FOR VALUES IN (10.5, ''7'')'", ExpectedBound.of(new Bound.ListValues(List.of("10.5", "7")),
                new FieldType.Numeric(Optional.empty(), Optional.empty())));
        assertEquals("'FOR VALUES IN (10.50, 7.00)'", ExpectedBound.of(new Bound.ListValues(List.of("10.5", "7")),
                new FieldType.Numeric(Optional.of(10), Optional.of(2))));
    }
}
