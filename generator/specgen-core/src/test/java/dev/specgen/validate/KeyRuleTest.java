package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;

/** KeyRule and PartitionRule: keys, partition columns, and keys on partitioned tables. */
class KeyRuleTest {

    private static final String PARTITIONED = """
            entity: Sale
            fields:
              id: {type: bigint, primary_key: true}
              at: {type: date, nullable: false}
              email: {type: text, unique: true}
            partitioning: {strategy: range, column: at, interval: yearly, from: 2024-01-01, to: 2025-01-01}
            """;

    @Test
    void validKeys() {
        assertEquals("", Run.validate("""
                entity: Sale
                fields:
                  id: bigint
                  at: date
                  email: text
                primary_key: [id, at]
                partitioning: {strategy: range, column: at, interval: yearly, from: 2024-01-01, to: 2025-01-01}
                """).text(), "entity-level primary key columns count as NOT NULL");
    }

    @Test
    void primaryKeyColumnsMustExistOnce() {
        assertEquals("""
                a.yaml:3:15: error SG203: primary key column "idd" is not a field of Sale (did you mean "id"?)
                a.yaml:3:24: error SG202: column "id" appears twice in the primary key""",
                Run.validate("entity: Sale\nfields: {id: bigint}\nprimary_key: [idd, id, id]\n").text());
    }

    @Test
    void primaryKeyAndUniqueOnPartitionedTable() {
        assertEquals("""
                a.yaml:3:3: error SG209: primary key of partitioned table sale must include the partition column "at"
                  hint: add "at" to the primary key: PostgreSQL requires unique constraints on partitioned tables to\
                 include all partition key columns
                a.yaml:5:3: error SG209: unique field "email" on partitioned table sale must include the partition\
                 column "at"
                  hint: drop unique: true and add a unique index on (email, at): PostgreSQL requires unique\
                 constraints on partitioned tables to include all partition key columns""",
                Run.validate(PARTITIONED).text());
    }

    @Test
    void partitionColumnMustExistAndBeNotNull() {
        assertEquals("""
                a.yaml:3:40: error SG203: partition column "create_at" is not a field of Sale (did you mean\
                 "created_at"?)""", Run.validate("entity: Sale\nfields: {created_at: date}\npartitioning: "
                        + "{strategy: list, column: create_at, partitions: [{name: a, values: [x]}]}\n").text());
        assertEquals("""
                a.yaml:3:40: error SG208: partition column "region" is nullable
                  hint: declare "region" with nullable: false (specgen requires NOT NULL partition keys, so every\
                 row has a partition)""", Run.validate("entity: Sale\nfields: {region: text}\npartitioning: "
                        + "{strategy: list, column: region, partitions: [{name: a, values: [x]}]}\n").text());
    }

    @Test
    void missingPartitionColumnIsReportedOnce() {
        // not also "primary key must include the partition column", nor for unique fields or unique indexes
        assertEquals("""
                a.yaml:7:41: error SG203: partition column "sold_on" is not a field of Sale (did you mean "sold_at"?)""",
                Run.validate("""
                        entity: Sale
                        fields:
                          id: {type: bigint, primary_key: true}
                          email: {type: text, unique: true}
                          sold_at: {type: date, nullable: false}
                        indexes: [{columns: [id], unique: true}]
                        partitioning: {strategy: range, column: sold_on, interval: yearly, from: 2024-01-01,
                          to: 2025-01-01}
                        """).text());
    }

    @Test
    void subpartitionColumn() {
        String yaml = """
                entity: Sale
                fields:
                  at: {type: date, nullable: false}
                  n: bigint
                partitioning:
                  strategy: range
                  column: at
                  interval: yearly
                  from: 2024-01-01
                  to: 2025-01-01
                  subpartition: {strategy: hash, column: %s, modulus: 2}
                """;
        assertEquals("""
                a.yaml:11:42: error SG208: subpartition column "n" is nullable
                  hint: declare "n" with nullable: false (specgen requires NOT NULL partition keys, so every row has\
                 a partition)""", Run.validate(yaml.formatted("n")).text());
        assertEquals("""
                a.yaml:11:42: error SG216: subpartition column "at" is the parent's partition column
                  hint: subpartition by another column (for example range by date, then hash by id)""",
                Run.validate(yaml.formatted("at")).text());
    }
}
