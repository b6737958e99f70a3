package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One TAP test of a generated file: a small record per kind, holding plain (unquoted) names and SQL text, and the
 * spec position it checks. The structure tests are here; those that run queries on seeded data are
 * {@link PerformanceAssertion}s. The {@code *Literal} methods give the SQL spelling the templates place.
 * {@code is()} is written {@code "is"()} in the templates: the same function, but JSqlParser reads a bare
 * {@code is} as the keyword.
 */
public sealed interface Assertion extends TestStep permits Assertion.HasTable, Assertion.PartitionKey,
        Assertion.PartitionsAre, Assertion.PartitionBound, Assertion.ColumnType, Assertion.ColumnNotNull,
        Assertion.HasIndex, Assertion.IndexType, Assertion.IndexFlag, Assertion.IndexOnLeaves, Assertion.HealthRows,
        Assertion.TableFeature, PerformanceAssertion, ViewAssertion, BulkAssertion {

    String description();

    @Override
    default int tests() {
        return 1;
    }

    default String descriptionLiteral() {
        return Sql.literal(description());
    }

    /** Schema and table of the entity, as SQL string literals for pgTAP's {@code name} arguments. */
    interface OnTable {
        String schema();

        String table();

        default String schemaLiteral() {
            return Sql.literal(schema());
        }

        default String tableLiteral() {
            return Sql.literal(table());
        }
    }

    /** A test that runs a query given as text: dollar-quoted unless the query itself could end the quote. */
    interface WithQuery {
        String query();

        default String queryLiteral() {
            return dollarQuoted(query());
        }
    }

    static String dollarQuoted(String sql) {
        return Sql.fitsDollarTag(sql, "q") ? "$q$" + sql + "$q$" : Sql.literal(sql);
    }

    /** {@code has_table(schema, table, description)}. */
    record HasTable(String schema, String table, String description, SourcePos origin)
            implements Assertion, OnTable {
        public HasTable {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/has_table";
        }
    }

    /**
     * {@code is(count of <schema>.specgen_health() rows of the table, rows)}: the schema's health function reports
     * the table and each of its partitions ({@code expected}, SQL: 1 + the planned partitions, sub-partitions
     * included; with partition maintenance, the table's partition tree as it is now).
     */
    record HealthRows(String function, String qualified, String expected, String description, SourcePos origin)
            implements Assertion {
        public HealthRows {
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(qualified, "qualified == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String qualifiedLiteral() {
            return Sql.literal(qualified);
        }

        public String template() {
            return "tests/health_rows";
        }
    }

    /**
     * {@code is(pg_get_partkeydef(relation), expected)}.
     *
     * @param relation quoted qualified name of a partitioned table (the entity's table or a sub-partitioned partition)
     * @param expected as PostgreSQL prints it: {@code RANGE (transaction_date)}
     */
    record PartitionKey(String relation, String expected, Skip skip, String description, SourcePos origin)
            implements Assertion {
        public PartitionKey {
            Objects.requireNonNull(skip, "skip == null");
            Objects.requireNonNull(relation, "relation == null");
            Objects.requireNonNull(expected, "expected == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String relationLiteral() {
            return Sql.literal(relation);
        }

        public String expectedLiteral() {
            return Sql.literal(expected);
        }

        public String template() {
            return "tests/partition_key";
        }
    }

    /**
     * {@code partitions_are(schema, table, partitions, description)}: exactly these direct partitions (with
     * partition maintenance, as its log says it changed them: {@link MaintainedTree#partitions}).
     */
    record PartitionsAre(String schema, String table, List<String> partitions, Optional<MaintainedTree> maintained,
            Skip skip, String description, SourcePos origin) implements Assertion, OnTable {
        public PartitionsAre {
            Objects.requireNonNull(maintained, "maintained == null");
            Objects.requireNonNull(skip, "skip == null");
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(table, "table == null");
            partitions = List.copyOf(partitions);
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        /** pgTAP compares with {@code regclass} text, which quotes a name where needed. */
        public String partitionsArray() {
            String planned = partitions.stream().map(p -> Sql.literal(Sql.ident(p)))
                    .collect(Collectors.joining(", ", "ARRAY[", "]::name[]"));
            return maintained.map(m -> m.partitions(planned)).orElse(planned);
        }

        public String template() {
            return "tests/partitions_are";
        }
    }

    /**
     * {@code is(pg_get_expr(relpartbound), expected)}.
     *
     * @param relation quoted qualified partition name
     * @param expected an SQL expression giving the bound as PostgreSQL prints it (see {@link ExpectedBound})
     */
    record PartitionBound(String relation, String expected, Skip skip, String description, SourcePos origin)
            implements Assertion {
        public PartitionBound {
            Objects.requireNonNull(skip, "skip == null");
            Objects.requireNonNull(relation, "relation == null");
            Objects.requireNonNull(expected, "expected == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String relationLiteral() {
            return Sql.literal(relation);
        }

        public String template() {
            return "tests/partition_bound";
        }
    }

    /** {@code col_type_is(schema, table, column, type, description)}; {@code type} as format_type prints it. */
    record ColumnType(String schema, String table, String column, String type, String description, SourcePos origin)
            implements Assertion, OnTable {
        public ColumnType {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(column, "column == null");
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String columnLiteral() {
            return Sql.literal(column);
        }

        public String typeLiteral() {
            return Sql.literal(type);
        }

        public String template() {
            return "tests/column_type";
        }
    }

    /** {@code col_not_null(schema, table, column, description)}. */
    record ColumnNotNull(String schema, String table, String column, String description, SourcePos origin)
            implements Assertion, OnTable {
        public ColumnNotNull {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(column, "column == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String columnLiteral() {
            return Sql.literal(column);
        }

        public String template() {
            return "tests/column_not_null";
        }
    }

    /**
     * {@code has_index(schema, table, index, columns, description)}, or without columns when a key is an
     * expression. pgTAP lists key and INCLUDE columns alike, spelled as {@code pg_get_indexdef} prints them.
     */
    record HasIndex(String schema, String table, String index, List<String> columns, String description,
            SourcePos origin) implements Assertion, OnTable {
        public HasIndex {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(index, "index == null");
            columns = List.copyOf(columns);
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String indexLiteral() {
            return Sql.literal(index);
        }

        public boolean withColumns() {
            return !columns.isEmpty();
        }

        public String columnsArray() {
            return columns.stream().map(c -> Sql.literal(Sql.ident(c)))
                    .collect(Collectors.joining(", ", "ARRAY[", "]::name[]"));
        }

        public String template() {
            return "tests/has_index";
        }
    }

    /** {@code index_is_type(schema, table, index, method, description)}. */
    record IndexType(String schema, String table, String index, String method, String description, SourcePos origin)
            implements Assertion, OnTable {
        public IndexType {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(index, "index == null");
            Objects.requireNonNull(method, "method == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String indexLiteral() {
            return Sql.literal(index);
        }

        public String methodLiteral() {
            return Sql.literal(method);
        }

        public String template() {
            return "tests/index_type";
        }
    }

    /**
     * A fact of {@code pg_index} about one index: {@code indisunique} or {@code indisvalid}.
     *
     * @param index quoted qualified index name
     */
    record IndexFlag(String index, String flag, String description, SourcePos origin) implements Assertion {
        public IndexFlag {
            Objects.requireNonNull(index, "index == null");
            if (!flag.equals("indisunique") && !flag.equals("indisvalid")) {
                throw new IllegalArgumentException("flag: " + flag);
            }
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String indexLiteral() {
            return Sql.literal(index);
        }

        public String template() {
            return "tests/index_flag";
        }
    }

    /**
     * Every leaf partition has an index attached to {@code index}: the leaves of the index's partition tree.
     *
     * @param index    quoted qualified name of the parent (partitioned) index
     * @param expected SQL: the planned leaves, or with partition maintenance the table's leaves now
     */
    record IndexOnLeaves(String index, String expected, String description, SourcePos origin) implements Assertion {
        public IndexOnLeaves {
            Objects.requireNonNull(index, "index == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String indexLiteral() {
            return Sql.literal(index);
        }

        public String template() {
            return "tests/index_on_leaves";
        }
    }

    /**
     * A table feature as the catalog has it: {@code is((value), expected)}; {@code value} a scalar query over the
     * catalog, {@code expected} an SQL literal (replica identity, row level security, policies, triggers).
     */
    record TableFeature(String value, String expected, String description, SourcePos origin) implements Assertion {
        public TableFeature {
            Objects.requireNonNull(value, "value == null");
            Objects.requireNonNull(expected, "expected == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String template() {
            return "tests/table_feature";
        }
    }

    /**
     * When a test of a partition is skipped instead of run: {@code when} is an SQL condition (empty: never), e.g. that
     * partition maintenance detached or dropped the partition ({@link MaintainedTree#retired}).
     */
    record Skip(String when, String why) {
        public static final Skip NEVER = new Skip("", "");

        public Skip {
            Objects.requireNonNull(when, "when == null");
            Objects.requireNonNull(why, "why == null");
        }

        public boolean sometimes() {
            return !when.isEmpty();
        }

        public String whyLiteral() {
            return Sql.literal(why);
        }
    }
}
