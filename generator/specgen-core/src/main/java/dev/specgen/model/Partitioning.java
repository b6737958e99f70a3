package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a table is partitioned. {@code partitions} is the fully resolved list of partitions of this level (computed
 * by the model builder from {@code interval + from/to}, {@code step + from/to}, {@code modulus}, or taken from an
 * explicit {@code partitions:} list), never from today's date. {@code defaultPartition} adds a DEFAULT partition
 * (on by default for RANGE and LIST). {@code subpartitioning} applies to every partition of this level.
 * {@code maintenance} is what the generated {@code maintain_<table>()} keeps up (top level, RANGE only).
 * {@code naming} is the {@code partition_name:} pattern the generated partitions' names came from (maintenance names
 * the partitions it makes with it). {@code schema} ({@code partition_schema:}, top level only) is where every
 * partition of the table lives, subpartitions and DEFAULT partitions included; empty: the table's schema.
 */
public record Partitioning(
        Strategy strategy,
        Named column,
        List<PartitionSpec> partitions,
        boolean defaultPartition,
        Optional<Partitioning> subpartitioning,
        Optional<Maintenance> maintenance,
        Optional<NamePattern> naming,
        Optional<String> schema,
        Optional<String> schemaComment,
        SourcePos pos) {

    public enum Strategy {
        RANGE, LIST, HASH;

        public String sql() {
            return name();
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Partitioning {
        Objects.requireNonNull(strategy, "strategy == null");
        Objects.requireNonNull(column, "column == null");
        partitions = List.copyOf(partitions);
        Objects.requireNonNull(subpartitioning, "subpartitioning == null");
        Objects.requireNonNull(maintenance, "maintenance == null");
        Objects.requireNonNull(naming, "naming == null");
        Objects.requireNonNull(schema, "schema == null");
        Objects.requireNonNull(schemaComment, "schemaComment == null");
        Objects.requireNonNull(pos, "pos == null");
    }

    /** The schema of the partitions: {@code partition_schema}, or {@code tableSchema}. */
    public String partitionSchema(String tableSchema) {
        return schema.orElse(tableSchema);
    }

    /** The DEFAULT partition of {@code parent}. */
    public static String defaultName(String parent) {
        return parent + "_default";
    }
}
