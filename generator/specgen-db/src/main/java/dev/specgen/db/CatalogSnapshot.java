package dev.specgen.db;

import dev.specgen.db.CatalogObjects.ColumnInfo;
import dev.specgen.db.CatalogObjects.CommentInfo;
import dev.specgen.db.CatalogObjects.ConstraintInfo;
import dev.specgen.db.CatalogObjects.EnumInfo;
import dev.specgen.db.CatalogObjects.ExtensionInfo;
import dev.specgen.db.CatalogObjects.Fact;
import dev.specgen.db.CatalogObjects.FunctionInfo;
import dev.specgen.db.CatalogObjects.IndexInfo;
import dev.specgen.db.CatalogObjects.PolicyInfo;
import dev.specgen.db.CatalogObjects.SchemaInfo;
import dev.specgen.db.CatalogObjects.SequenceInfo;
import dev.specgen.db.CatalogObjects.TableInfo;
import dev.specgen.db.CatalogObjects.TriggerInfo;
import dev.specgen.db.CatalogObjects.TypeInfo;
import dev.specgen.db.CatalogObjects.ViewInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything specgen could have created in a set of schemas, read from pg_catalog: immutable, deterministic
 * (sorted, no OIDs, names qualified whatever the search_path) and printable as one line per fact. Two snapshots
 * {@link #diff} line by line, which proves that a second apply changed nothing (SG403) and shows catalog drift
 * (SG404); the structured lists serve the round-trip check against the plan. Excludes pg_catalog,
 * information_schema, pg_toast and, unless asked for by name, specgen's run schemas ({@code specgen_run_<id>}).
 * Extensions are database-wide: all are listed except plpgsql (in every database) and those in a run schema. NOT NULL constraints that PostgreSQL 18 records in
 * pg_constraint are left out (they are the {@code not null} of the column facts).
 */
public final class CatalogSnapshot {
    private final List<SchemaInfo> schemas;
    private final List<TableInfo> tables;
    private final List<ColumnInfo> columns;
    private final List<ConstraintInfo> constraints;
    private final List<IndexInfo> indexes;
    private final List<ViewInfo> views;
    private final List<SequenceInfo> sequences;
    private final List<FunctionInfo> functions;
    private final List<EnumInfo> enums;
    private final List<TriggerInfo> triggers;
    private final List<PolicyInfo> policies;
    private final List<ExtensionInfo> extensions;
    private final List<TypeInfo> types;
    /**
     * The lookups the round trip makes per entity and per partition, by name: a scan of the whole snapshot each
     * made comparing 500 entities take minutes (issue 12). Built once; lists keep the snapshot's order.
     */
    private final Map<String, TableInfo> tableByName = new HashMap<>();
    private final Map<String, List<TableInfo>> partitionsByParent = new HashMap<>();
    private final Map<String, List<ColumnInfo>> columnsByTable = new HashMap<>();
    private final Map<String, List<ConstraintInfo>> constraintsByTable = new HashMap<>();
    private final Map<String, List<IndexInfo>> indexesByTable = new HashMap<>();
    private final Map<String, IndexInfo> indexByName = new HashMap<>();

    public CatalogSnapshot(List<SchemaInfo> schemas, List<TableInfo> tables, List<ColumnInfo> columns,
            List<ConstraintInfo> constraints, List<IndexInfo> indexes, List<ViewInfo> views,
            List<SequenceInfo> sequences, List<FunctionInfo> functions, List<EnumInfo> enums,
            List<TriggerInfo> triggers, List<PolicyInfo> policies, List<ExtensionInfo> extensions,
            List<TypeInfo> types) {
        this.schemas = List.copyOf(schemas);
        this.tables = List.copyOf(tables);
        this.columns = List.copyOf(columns);
        this.constraints = List.copyOf(constraints);
        this.indexes = List.copyOf(indexes);
        this.views = List.copyOf(views);
        this.sequences = List.copyOf(sequences);
        this.functions = List.copyOf(functions);
        this.enums = List.copyOf(enums);
        this.triggers = List.copyOf(triggers);
        this.policies = List.copyOf(policies);
        this.extensions = List.copyOf(extensions);
        this.types = List.copyOf(types);
        for (TableInfo t : this.tables) {
            tableByName.putIfAbsent(key(t.schema(), t.name()), t);
            if (t.isPartition() && t.parent().isPresent()) {
                partitionsByParent.computeIfAbsent(t.parent().get(), k -> new ArrayList<>()).add(t);
            }
        }
        this.columns.forEach(c -> columnsByTable.computeIfAbsent(key(c.schema(), c.table()), k -> new ArrayList<>())
                .add(c));
        this.constraints.forEach(c -> constraintsByTable.computeIfAbsent(key(c.schema(), c.table()),
                k -> new ArrayList<>()).add(c));
        for (IndexInfo x : this.indexes) {
            indexesByTable.computeIfAbsent(key(x.schema(), x.table()), k -> new ArrayList<>()).add(x);
            indexByName.putIfAbsent(key(x.schema(), x.name()), x);
        }
    }

    private static String key(String schema, String name) {
        return schema + '\u0000' + name;
    }

    public List<SchemaInfo> schemas() {
        return schemas;
    }

    public List<TableInfo> tables() {
        return tables;
    }

    public List<ColumnInfo> columns() {
        return columns;
    }

    public List<ConstraintInfo> constraints() {
        return constraints;
    }

    public List<IndexInfo> indexes() {
        return indexes;
    }

    public List<ViewInfo> views() {
        return views;
    }

    public List<SequenceInfo> sequences() {
        return sequences;
    }

    public List<FunctionInfo> functions() {
        return functions;
    }

    public List<EnumInfo> enums() {
        return enums;
    }

    public List<TriggerInfo> triggers() {
        return triggers;
    }

    public List<PolicyInfo> policies() {
        return policies;
    }

    public List<ExtensionInfo> extensions() {
        return extensions;
    }

    public List<TypeInfo> types() {
        return types;
    }

    private List<List<?>> all() {
        return List.of(schemas, tables, columns, constraints, indexes, views, sequences, functions, enums, triggers,
                policies, extensions, types);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CatalogSnapshot other && all().equals(other.all());
    }

    @Override
    public int hashCode() {
        return all().hashCode();
    }

    @Override
    public String toString() {
        return "CatalogSnapshot" + all();
    }

    /** Reads {@code schemas} (every user schema when empty). Leaves the connection's transaction state as it was. */
    public static CatalogSnapshot read(Connection c, Collection<String> schemas) {
        try {
            return CatalogReader.read(c, schemas);
        } catch (SQLException e) {
            throw DbErrors.unavailable("cannot read the catalog: " + DbErrors.oneLine(e),
                    "check that the user may read pg_catalog");
        }
    }

    public static CatalogSnapshot read(Connection c) {
        return read(c, List.of());
    }

    /** All facts, one per line, sorted. */
    public List<String> lines() {
        return Stream.of(schemas, tables, columns, constraints, indexes, views, sequences, functions, enums,
                triggers, policies, extensions, types).flatMap(List::stream).map(Fact.class::cast)
                .flatMap(f -> f.lines().stream())
                .sorted().toList();
    }

    /** {@link #lines()} joined, with a trailing newline (empty for an empty snapshot): for golden files. */
    public String text() {
        List<String> l = lines();
        return l.isEmpty() ? "" : String.join("\n", l) + "\n";
    }

    /**
     * What changed from this snapshot to {@code other}: {@code "- line"} for facts only here, {@code "+ line"}
     * for facts only in {@code other}, ordered by fact. Empty when both hold the same facts.
     */
    public List<String> diff(CatalogSnapshot other) {
        return diff(lines(), other.lines());
    }

    /**
     * {@code "- line"} for lines only in {@code a}, {@code "+ line"} for lines only in {@code b}, in order: a merge of
     * two sorted lists of facts (also of facts read by other means, as the real-schema comparison reads them).
     */
    public static List<String> diff(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int cmp = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).compareTo(b.get(j));
            if (cmp == 0) {
                i++;
                j++;
            } else if (cmp < 0) {
                out.add("- " + a.get(i++));
            } else {
                out.add("+ " + b.get(j++));
            }
        }
        return out;
    }

    public boolean sameFacts(CatalogSnapshot other) {
        return lines().equals(other.lines());
    }

    public Optional<TableInfo> table(String schema, String name) {
        return Optional.ofNullable(tableByName.get(key(schema, name)));
    }

    /** Direct partitions of {@code schema.table}, by name. */
    public List<TableInfo> partitionsOf(String schema, String table) {
        return List.copyOf(partitionsByParent.getOrDefault(schema + "." + table, List.of()));
    }

    public List<ColumnInfo> columnsOf(String schema, String table) {
        return List.copyOf(columnsByTable.getOrDefault(key(schema, table), List.of()));
    }

    /** Constraints of {@code schema.table}, in snapshot order. */
    public List<ConstraintInfo> constraintsOf(String schema, String table) {
        return List.copyOf(constraintsByTable.getOrDefault(key(schema, table), List.of()));
    }

    public List<IndexInfo> indexesOn(String schema, String table) {
        return List.copyOf(indexesByTable.getOrDefault(key(schema, table), List.of()));
    }

    public Optional<IndexInfo> index(String schema, String name) {
        return Optional.ofNullable(indexByName.get(key(schema, name)));
    }

    /** Storage parameters per relation ({@code schema.name} of tables and indexes that have any). */
    public SortedMap<String, SortedMap<String, String>> reloptions() {
        SortedMap<String, SortedMap<String, String>> m = new TreeMap<>();
        tables.stream().filter(t -> !t.reloptions().isEmpty()).forEach(t -> m.put(t.qualifiedName(), t.reloptions()));
        indexes.stream().filter(x -> !x.reloptions().isEmpty()).forEach(x -> m.put(x.qualifiedName(), x.reloptions()));
        return m;
    }

    /** Every comment, flattened, in a stable order. */
    public List<CommentInfo> comments() {
        List<CommentInfo> out = new ArrayList<>();
        schemas.forEach(s -> s.comment().ifPresent(c -> out.add(new CommentInfo("schema", s.name(), c))));
        tables.forEach(t -> t.comment().ifPresent(c -> out.add(new CommentInfo("table", t.qualifiedName(), c))));
        columns.forEach(k -> k.comment().ifPresent(c -> out.add(new CommentInfo("column",
                k.schema() + "." + k.table() + "." + k.name(), c))));
        constraints.forEach(k -> k.comment().ifPresent(c -> out.add(new CommentInfo("constraint",
                k.schema() + "." + k.table() + "." + k.name(), c))));
        indexes.forEach(x -> x.comment().ifPresent(c -> out.add(new CommentInfo("index", x.qualifiedName(), c))));
        views.forEach(v -> v.comment().ifPresent(c -> out.add(new CommentInfo(v.materialized() ? "materialized view"
                : "view", v.schema() + "." + v.name(), c))));
        functions.forEach(f -> f.comment().ifPresent(c -> out.add(new CommentInfo(f.kind(),
                f.schema() + "." + f.name() + "(" + f.identityArgs() + ")", c))));
        enums.forEach(e -> e.comment().ifPresent(c -> out.add(new CommentInfo("type",
                e.schema() + "." + e.name(), c))));
        triggers.forEach(t -> t.comment().ifPresent(c -> out.add(new CommentInfo("trigger",
                t.schema() + "." + t.table() + "." + t.name(), c))));
        return out;
    }
}
