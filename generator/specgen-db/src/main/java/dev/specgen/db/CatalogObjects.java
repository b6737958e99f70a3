package dev.specgen.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The facts {@link CatalogSnapshot} reads, one record per kind of object. Names are raw (unquoted); qualified
 * names are {@code schema.name}. Each record renders its fact lines with {@link Fact#lines()}: one line per
 * fact, stable, no OIDs, so two snapshots diff line by line.
 */
public final class CatalogObjects {
    private CatalogObjects() {
    }

    /** Something that contributes lines to a snapshot. */
    public interface Fact {
        List<String> lines();
    }

    public record SchemaInfo(String name, Optional<String> comment) implements Fact {
        @Override
        public List<String> lines() {
            return withComment(List.of("schema " + name), "schema " + name, comment);
        }
    }

    /**
     * A table ({@code kind} "table", "partitioned table" or "foreign table").
     *
     * @param persistence      "permanent", "unlogged" or "temporary"
     * @param partitionStrategy "range", "list" or "hash" for a partitioned table
     * @param partitionKey     {@code pg_get_partkeydef}, e.g. {@code RANGE (created_at)}
     * @param parent           {@code schema.table} this one is a partition (or inheritance child) of
     * @param partitionBound   {@code pg_get_expr(relpartbound)}, e.g. {@code FOR VALUES FROM ('2024-01-01') TO (...)}
     * @param replicaIdentity  "default", "full", "nothing" or "index <name>"
     */
    public record TableInfo(String schema, String name, String kind, String persistence,
            Optional<String> partitionStrategy, Optional<String> partitionKey, Optional<String> parent,
            Optional<String> partitionBound, SortedMap<String, String> reloptions, boolean rowSecurity,
            boolean forceRowSecurity, String replicaIdentity, Optional<String> comment) implements Fact {

        public TableInfo {
            reloptions = sorted(reloptions);
        }

        public String qualifiedName() {
            return schema + "." + name;
        }

        public boolean isPartitioned() {
            return partitionKey.isPresent();
        }

        public boolean isPartition() {
            return partitionBound.isPresent();
        }

        @Override
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            String q = qualifiedName();
            out.add("table " + q + " " + kind + " " + persistence + (rowSecurity ? " row-security" : "")
                    + partitionKey.map(k -> " partition by " + k).orElse(""));
            parent.ifPresent(p -> out.add("partition " + q + " of " + p + partitionBound.map(b -> " " + b).orElse("")));
            reloptions.forEach((k, v) -> out.add("reloption " + q + " " + k + "=" + v));
            if (forceRowSecurity) {
                out.add("row-security " + q + " forced");
            }
            if (!replicaIdentity.equals("default")) {
                out.add("replica identity " + q + " " + replicaIdentity);
            }
            return withComment(out, "table " + q, comment);
        }
    }

    /**
     * @param ordinal  1-based position among the live columns
     * @param type     {@code format_type}, e.g. {@code character varying(80)}, {@code timestamp with time zone}
     * @param identity "always" or "by default" for identity columns
     * @param generated a generated column's {@code (expression) stored} (or {@code virtual}, PostgreSQL 18)
     */
    public record ColumnInfo(String schema, String table, String name, int ordinal, String type, boolean notNull,
            Optional<String> defaultExpr, Optional<String> identity, Optional<String> generated,
            Optional<String> collation, Optional<String> comment) implements Fact {

        @Override
        public List<String> lines() {
            String q = schema + "." + table + "." + name;
            String line = "column " + q + " #" + ordinal + " " + type + (notNull ? " not null" : "")
                    + defaultExpr.map(d -> " default " + d).orElse("")
                    + identity.map(i -> " generated " + i + " as identity").orElse("")
                    + generated.map(g -> " generated always as " + g).orElse("")
                    + collation.map(c -> " collate " + c).orElse("");
            return withComment(List.of(line), "column " + q, comment);
        }
    }

    /**
     * @param type       {@code p} primary key, {@code u} unique, {@code f} foreign key, {@code c} check,
     *                   {@code x} exclusion, {@code t} constraint trigger
     * @param definition {@code pg_get_constraintdef}, e.g. {@code PRIMARY KEY (id, created_at)}
     */
    public record ConstraintInfo(String schema, String table, String name, String type, String definition,
            Optional<String> comment) implements Fact {
        @Override
        public List<String> lines() {
            String q = schema + "." + table + "." + name;
            return withComment(List.of("constraint " + q + " " + definition), "constraint " + q, comment);
        }
    }

    /**
     * @param keys        key columns or expressions, in order ({@code pg_get_indexdef(oid, k, true)})
     * @param keyDef      the text inside {@code USING method (...)}: keys with opclass, collation, DESC, NULLS
     * @param include     INCLUDE columns
     * @param predicate   the partial-index WHERE expression
     * @param parentIndex {@code schema.index} of the partitioned index this one is attached to
     * @param valid       {@code indisvalid}: false for an interrupted CREATE INDEX CONCURRENTLY, or a partitioned
     *                    index not yet attached on every partition
     * @param definition  {@code pg_get_indexdef}
     */
    public record IndexInfo(String schema, String name, String table, String method, boolean unique,
            boolean primary, List<String> keys, String keyDef, List<String> include, Optional<String> predicate,
            SortedMap<String, String> reloptions, Optional<String> parentIndex, boolean partitioned, boolean valid,
            String definition, Optional<String> comment) implements Fact {

        public IndexInfo {
            keys = List.copyOf(keys);
            include = List.copyOf(include);
            reloptions = sorted(reloptions);
        }

        public String qualifiedName() {
            return schema + "." + name;
        }

        @Override
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            String q = qualifiedName();
            out.add("index " + q + " on " + schema + "." + table + " using " + method + (unique ? " unique" : "")
                    + (primary ? " primary" : "") + (partitioned ? " partitioned" : "") + (valid ? "" : " INVALID")
                    + parentIndex.map(p -> " attached to " + p).orElse("") + ": " + definition);
            reloptions.forEach((k, v) -> out.add("reloption " + q + " " + k + "=" + v));
            return withComment(out, "index " + q, comment);
        }
    }

    /** A view or materialized view; the definition is summarised by its md5 in the fact line. */
    public record ViewInfo(String schema, String name, boolean materialized, String definition,
            String definitionMd5, Optional<String> comment) implements Fact {
        @Override
        public List<String> lines() {
            String q = schema + "." + name;
            String kind = materialized ? "materialized view " : "view ";
            return withComment(List.of(kind + q + " md5=" + definitionMd5), kind + q, comment);
        }
    }

    public record SequenceInfo(String schema, String name, String type, long start, long increment, long min,
            long max, long cache, boolean cycle, Optional<String> ownedBy) implements Fact {
        @Override
        public List<String> lines() {
            return List.of("sequence " + schema + "." + name + " " + type + " start " + start + " increment "
                    + increment + " min " + min + " max " + max + " cache " + cache + (cycle ? " cycle" : "")
                    + ownedBy.map(o -> " owned by " + o).orElse(""));
        }
    }

    /** A function or procedure; {@code identityArgs} from {@code pg_get_function_identity_arguments}. */
    public record FunctionInfo(String schema, String name, String identityArgs, String kind, String definition,
            String definitionMd5, Optional<String> comment) implements Fact {
        @Override
        public List<String> lines() {
            String q = schema + "." + name + "(" + identityArgs + ")";
            return withComment(List.of(kind + " " + q + " md5=" + definitionMd5), kind + " " + q, comment);
        }
    }

    public record EnumInfo(String schema, String name, List<String> labels, Optional<String> comment)
            implements Fact {
        public EnumInfo {
            labels = List.copyOf(labels);
        }

        @Override
        public List<String> lines() {
            String q = schema + "." + name;
            StringBuilder b = new StringBuilder("enum " + q + " (");
            for (int i = 0; i < labels.size(); i++) {
                b.append(i == 0 ? "" : ", ").append('\'').append(labels.get(i).replace("'", "''")).append('\'');
            }
            return withComment(List.of(b.append(')').toString()), "type " + q, comment);
        }
    }

    /**
     * A domain, composite or range type: {@code kind} is {@code domain}, {@code composite} or {@code range};
     * {@code base} a domain's base or a range's subtype ({@code format_type}), empty for a composite;
     * {@code constraints} a domain's CHECKs as {@code <name> <pg_get_constraintdef>}, by name; {@code attributes} a
     * composite's as {@code <name> <format_type>}, in order.
     */
    public record TypeInfo(String schema, String name, String kind, String base, boolean notNull,
            Optional<String> defaultSql, List<String> constraints, List<String> attributes, Optional<String> comment)
            implements Fact {
        public TypeInfo {
            constraints = List.copyOf(constraints);
            attributes = List.copyOf(attributes);
        }

        @Override
        public List<String> lines() {
            String q = schema + "." + name;
            StringBuilder b = new StringBuilder(kind + " " + q);
            if (kind.equals("composite")) {
                b.append(" (").append(String.join(", ", attributes)).append(')');
            } else {
                b.append(' ').append(base);
            }
            b.append(notNull ? " not null" : "");
            defaultSql.ifPresent(d -> b.append(" default ").append(d));
            constraints.forEach(k -> b.append(" constraint ").append(k));
            return withComment(List.of(b.toString()), "type " + q, comment);
        }
    }

    public record TriggerInfo(String schema, String table, String name, String definition, String enabled,
            Optional<String> comment) implements Fact {
        @Override
        public List<String> lines() {
            String q = schema + "." + table + "." + name;
            String state = enabled.equals("O") ? "" : " enabled=" + enabled;
            return withComment(List.of("trigger " + q + state + ": " + definition), "trigger " + q, comment);
        }
    }

    /**
     * A row security policy: {@code using} and {@code withCheck} as {@code pg_get_expr} prints them, roles sorted
     * ({@code public} for none).
     */
    public record PolicyInfo(String schema, String table, String name, boolean permissive, String command,
            List<String> roles, Optional<String> using, Optional<String> withCheck) implements Fact {
        public PolicyInfo {
            roles = List.copyOf(roles);
        }

        @Override
        public List<String> lines() {
            return List.of("policy " + schema + "." + table + "." + name + (permissive ? " permissive" : " restrictive")
                    + " for " + command + " to " + String.join(", ", roles)
                    + using.map(u -> " using (" + u + ")").orElse("")
                    + withCheck.map(w -> " with check (" + w + ")").orElse(""));
        }
    }

    public record ExtensionInfo(String name, String version, String schema) implements Fact {
        @Override
        public List<String> lines() {
            return List.of("extension " + name + " " + version + " in " + schema);
        }
    }

    /** A COMMENT ON, flattened: {@code kind} is "table", "column", "index", ...; {@code target} qualified. */
    public record CommentInfo(String kind, String target, String text) {
    }

    static SortedMap<String, String> reloptions(String[] arr) {
        SortedMap<String, String> m = new TreeMap<>();
        if (arr != null) {
            for (String kv : arr) {
                int eq = kv.indexOf('=');
                m.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
            }
        }
        return m;
    }

    private static SortedMap<String, String> sorted(Map<String, String> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    private static List<String> withComment(List<String> lines, String target, Optional<String> comment) {
        if (comment.isEmpty()) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines);
        out.add("comment on " + target + ": " + comment.get().replace("\n", "\\n"));
        return out;
    }
}
