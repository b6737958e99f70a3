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
import java.util.List;
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
public record CatalogSnapshot(List<SchemaInfo> schemas, List<TableInfo> tables, List<ColumnInfo> columns,
        List<ConstraintInfo> constraints, List<IndexInfo> indexes, List<ViewInfo> views,
        List<SequenceInfo> sequences, List<FunctionInfo> functions, List<EnumInfo> enums,
        List<TriggerInfo> triggers, List<PolicyInfo> policies, List<ExtensionInfo> extensions,
        List<TypeInfo> types) {

    public CatalogSnapshot {
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        views = List.copyOf(views);
        sequences = List.copyOf(sequences);
        functions = List.copyOf(functions);
        enums = List.copyOf(enums);
        triggers = List.copyOf(triggers);
        policies = List.copyOf(policies);
        extensions = List.copyOf(extensions);
        types = List.copyOf(types);
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
        return tables.stream().filter(t -> t.schema().equals(schema) && t.name().equals(name)).findFirst();
    }

    /** Direct partitions of {@code schema.table}, by name. */
    public List<TableInfo> partitionsOf(String schema, String table) {
        String q = schema + "." + table;
        return tables.stream().filter(t -> t.isPartition() && t.parent().map(q::equals).orElse(false)).toList();
    }

    public List<ColumnInfo> columnsOf(String schema, String table) {
        return columns.stream().filter(c -> c.schema().equals(schema) && c.table().equals(table)).toList();
    }

    public List<IndexInfo> indexesOn(String schema, String table) {
        return indexes.stream().filter(x -> x.schema().equals(schema) && x.table().equals(table)).toList();
    }

    public Optional<IndexInfo> index(String schema, String name) {
        return indexes.stream().filter(x -> x.schema().equals(schema) && x.name().equals(name)).findFirst();
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
