package dev.specgen.plan;

import dev.specgen.Sha256;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Maintenance;
import dev.specgen.model.Maintenance.Retention;
import dev.specgen.model.Maintenance.Rule;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Sql;
import dev.specgen.model.TableFeatures.ReplicaIdentity;
import dev.specgen.plan.MaintenanceObject.CreateMaintenanceLog;
import dev.specgen.plan.MaintenanceObject.MaintainFunction;
import dev.specgen.plan.MaintenanceObject.ScheduleMaintenance;
import dev.specgen.plan.MaintenanceObject.SubPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Partition maintenance of an entity whose partitioning has {@code premake}/{@code retention}: the function that
 * keeps partitions ahead of the data, moves rows out of the DEFAULT partition and applies retention, and its pg_cron
 * schedule; per schema, the log table. New partitions get the DDL's names, bounds, storage and subpartitions.
 */
public final class MaintenancePlanner {
    /** The first key of the two-key advisory lock of every maintenance call ('SGPM'); the second is the table's. */
    static final int LOCK_CLASS = 0x5347504D;
    public static final String LOG_TABLE = "specgen_partition_log";
    /** The function runs with these, so names, bounds and bound parsing never depend on the calling session. */
    static final List<String> PINNED = List.of("search_path = pg_catalog, pg_temp", "TimeZone = 'UTC'",
            "DateStyle = 'ISO, MDY'");

    private MaintenancePlanner() {
    }

    /** {@code maintain_<table>}, shortened with a hash when that would not fit in 63 bytes. */
    public static String functionName(String table) {
        String name = "maintain_" + table;
        if (Sql.byteLength(name) <= Sql.MAX_IDENT_BYTES) {
            return name;
        }
        String hash = Sha256.of(table).substring(0, 8);
        StringBuilder b = new StringBuilder();
        for (int cp : name.codePoints().toArray()) {
            String c = new String(Character.toChars(cp));
            if (Sql.byteLength(b + c) + 1 + hash.length() > Sql.MAX_IDENT_BYTES) {
                break;
            }
            b.append(c);
        }
        return b + "_" + hash;
    }

    /** Whether any entity of {@code entities} has maintenance (its schema then gets the log table). */
    static boolean any(List<Entity> entities) {
        return entities.stream().anyMatch(e -> maintenance(e).isPresent());
    }

    public static Optional<Maintenance> maintenance(Entity e) {
        return e.partitioning().flatMap(Partitioning::maintenance);
    }

    static List<SqlObject> log(String schema, SourcePos pos) {
        String name = Sql.qualified(schema, LOG_TABLE);
        return List.of(new CreateMaintenanceLog(name, Sql.ident(LOG_TABLE + "_pkey"), pos), new SqlObject.CommentOn(
                "TABLE", name, Sql.literal("Partition maintenance of " + schema + " (written by specgen's maintain_<table>"
                        + " functions): one row per call that changed something: the partitions it created, the rows"
                        + " it moved out of DEFAULT partitions into them, the partitions it detached or dropped."), pos));
    }

    static List<SqlObject> objects(Entity e) {
        Optional<Maintenance> mo = maintenance(e);
        if (mo.isEmpty()) {
            return List.of();
        }
        Maintenance m = mo.get();
        Partitioning p = e.partitioning().orElseThrow();
        String schema = e.schema();
        String parent = Sql.qualified(schema, e.table());
        String function = Sql.qualified(schema, functionName(e.table()));
        Field keyField = e.field(p.column().name()).orElseThrow();
        String key = Sql.ident(keyField.name());
        FieldType type = keyField.type();
        boolean tz = type.is(FieldType.Kind.TIMESTAMPTZ);
        boolean date = type.is(FieldType.Kind.DATE);
        // the rows moved out of DEFAULT; generated columns are computed again in the new partition
        String columns = e.fields().stream().filter(f -> !f.isGenerated()).map(f -> Sql.ident(f.name()))
                .collect(Collectors.joining(", "));
        // the partitions live in partition_schema when there is one: every name below is qualified with it
        String partSchema = p.partitionSchema(schema);
        String defaultPartition = p.defaultPartition() ? Sql.qualified(partSchema, Partitioning.defaultName(e.table()))
                : "";

        boolean byStep = m.rule() instanceof Rule.ByStep;
        String truncUnit = "";
        String step = "";
        String anchor = "";
        String bucketOfKey;
        String lastStart;
        String seriesStep;
        String windowEnd;
        String partName;
        String lowerBound;
        String upperBound;
        String retentionSql = "";
        String every;
        String table = Sql.literal(e.table() + "_");
        if (m.rule() instanceof Rule.ByInterval iv) {
            Maintenance.Period period = iv.period();
            truncUnit = Sql.literal(period.truncUnit());
            String length = Sql.literal(period.length()) + "::interval";
            String boundFormat = Sql.literal(tz ? "YYYY-MM-DD\" 00:00:00+00\"" : "YYYY-MM-DD");
            String k = tz ? key + " AT TIME ZONE 'UTC'" : date ? key + "::timestamp" : key;
            bucketOfKey = "date_trunc(" + truncUnit + ", " + k + ")";
            lastStart = "current_start + " + m.premake() + " * " + length;
            seriesStep = length;
            windowEnd = "current_start + " + (m.premake() + 1) + " * " + length;
            partName = p.naming().map(np -> MaintenanceNames.byInterval(np, e.table()))
                    .orElse(table + " || to_char(bucket, " + Sql.literal(period.nameFormat()) + ")");
            lowerBound = "quote_literal(to_char(bucket, " + boundFormat + "))";
            upperBound = "quote_literal(to_char(bucket + " + length + ", " + boundFormat + "))";
            every = period.word();
            if (m.retention().isPresent()) {
                Retention r = m.retention().get();
                retentionSql = r instanceof Retention.Count c
                        ? "current_start - " + c.partitions() + " * " + length
                        : "(p_now AT TIME ZONE 'UTC') - " + Sql.literal(((Retention.Span) r).text()) + "::interval";
            }
        } else {
            Rule.ByStep st = (Rule.ByStep) m.rule();
            step = st.step().toString();
            anchor = st.anchor().toString();
            bucketOfKey = anchor + " + floor((" + key + " - " + anchor + ")::numeric / " + step + ") * " + step;
            lastStart = "current_start + " + m.premake() + " * " + step;
            seriesStep = step;
            windowEnd = "current_start + " + (m.premake() + 1) + " * " + step;
            partName = p.naming().map(np -> MaintenanceNames.byStep(np, e.table())).orElse(table
                    + " || CASE WHEN bucket < 0 THEN 'pm' || (-bucket)::text ELSE 'p' || bucket::text END");
            lowerBound = "bucket::text";
            upperBound = "(bucket + " + step + ")::text";
            every = "step of " + step;
            if (m.retention().isPresent() && m.retention().get() instanceof Retention.Count c) {
                retentionSql = "current_start - " + c.partitions() + " * " + step;
            }
        }
        // identifiers reach format() strings as they are: specgen's names never hold % or '
        String checkFormat = Sql.literal("ALTER TABLE %1$I.%2$I ADD CONSTRAINT specgen_bound CHECK (" + key
                + " IS NOT NULL AND " + key + " >= %3$s AND " + key + " < %4$s)");
        String moveFormat = Sql.literal("WITH moved AS (DELETE FROM ONLY " + defaultPartition + " WHERE " + key
                + " >= %3$s AND " + key + " < %4$s RETURNING " + columns + ") INSERT INTO %1$I.%2$I (" + columns
                + ") SELECT " + columns + " FROM moved");
        String attachFormat = Sql.literal("ALTER TABLE " + parent + " ATTACH PARTITION %1$I.%2$I FOR VALUES FROM (%3$s)"
                + " TO (%4$s)");

        List<String> with = EntityPlanner.params(e.storage().params());
        Optional<Partitioning> sub = p.subpartitioning();
        boolean leaf = sub.isEmpty();
        StringBuilder create = new StringBuilder("CREATE ");
        if (leaf && e.storage().unlogged()) {
            create.append("UNLOGGED ");
        }
        // a generated column must stay generated in the new partition, or ATTACH PARTITION refuses it
        create.append("TABLE %1$I.%2$I (LIKE ").append(parent)
                .append(" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION")
                .append(e.fields().stream().anyMatch(dev.specgen.model.Field::isGenerated) ? " INCLUDING GENERATED" : "")
                .append(")");
        sub.ifPresent(sp -> create.append(" PARTITION BY ").append(PartitionPlanner.partitionBy(sp)));
        if (leaf && !with.isEmpty()) {
            create.append(" WITH (").append(String.join(", ", with)).append(")");
        }
        List<SubPartition> subs = new ArrayList<>();
        sub.ifPresent(sp -> {
            for (PartitionSpec s : sp.partitions()) {
                subs.add(subPartition(MaintenanceNames.of(s.name(), e.table(), "part"), "FOR VALUES "
                        + s.bound().sql(), e, with));
            }
            if (sp.defaultPartition()) {
                subs.add(subPartition("part || " + Sql.literal(Partitioning.defaultName("")), "DEFAULT", e, with));
            }
        });

        String summary = summary(e, m, every, p.defaultPartition());
        MaintainFunction fn = new MaintainFunction(function, parent, Sql.literal(parent), Sql.literal(partSchema),
                defaultPartition, key, type.sql(), byStep, truncUnit, step, anchor, bucketOfKey, lastStart,
                seriesStep, windowEnd, partName, lowerBound, upperBound, m.createPartitions(), retentionSql,
                m.mode() == Maintenance.Mode.DETACH, Sql.literal(create.toString()), checkFormat, moveFormat,
                attachFormat, subs, replicaIdentity(e), Sql.qualified(schema, LOG_TABLE), LOCK_CLASS + ", " + (schema + "." + e.table()).hashCode(), PINNED,
                summary, m.pos());
        int minute = Math.floorMod((schema + "." + e.table()).hashCode(), 60);
        ScheduleMaintenance cron = new ScheduleMaintenance(Sql.literal("specgen:maintain:" + schema + "." + e.table()),
                Sql.literal(minute + " * * * *"), Sql.literal("SELECT " + function + "()"), m.pos());
        return List.of(fn, cron);
    }

    /**
     * The replica identity the DDL gives every partition ({@code FULL}, {@code NOTHING}), which a partition made by
     * {@code CREATE TABLE ... LIKE} lacks; empty for the default (an index identity is refused on partitioned
     * tables, SG290).
     */
    private static String replicaIdentity(Entity e) {
        return e.features().replicaIdentity().map(ReplicaIdentity::kind)
                .filter(k -> k == ReplicaIdentity.Kind.FULL || k == ReplicaIdentity.Kind.NOTHING)
                .map(ReplicaIdentity.Kind::sql).orElse("");
    }

    private static SubPartition subPartition(String nameSql, String bound, Entity e, List<String> with) {
        StringBuilder b = new StringBuilder("CREATE ");
        if (e.storage().unlogged()) {
            b.append("UNLOGGED ");
        }
        b.append("TABLE %1$I.%3$I PARTITION OF %1$I.%2$I ").append(bound.replace("%", "%%"));
        if (!with.isEmpty()) {
            b.append(" WITH (").append(String.join(", ", with).replace("%", "%%")).append(")");
        }
        return new SubPartition(nameSql, Sql.literal(b.toString()));
    }

    private static String summary(Entity e, Maintenance m, String every, boolean dflt) {
        StringBuilder b = new StringBuilder("keeps the partitions of " + e.schema() + "." + e.table() + " ahead: ");
        if (m.createPartitions()) {
            b.append(m.rule() instanceof Rule.ByStep
                    ? "creates the partition of the highest key and the " + m.premake() + " after it (" + every + ")"
                    : "creates the " + every + " partition p_now falls in and the " + m.premake() + " after it");
            b.append(dflt ? ", and partitions for rows sitting in the DEFAULT partition (moving them there)" : "");
            b.append(", each standalone and attached with a matching CHECK (no scan, no ACCESS EXCLUSIVE lock on the"
                    + " parent)");
        }
        m.retention().ifPresent(r -> {
            b.append(m.createPartitions() ? "; " : "");
            String what = m.mode() == Maintenance.Mode.DETACH ? "detaches" : "drops";
            b.append(r instanceof Retention.Count c
                    ? what + " partitions older than the current one and the " + c.partitions() + " before it"
                    : what + " partitions that ended " + ((Retention.Span) r).text() + " or more before p_now");
            b.append(" (this takes an ACCESS EXCLUSIVE lock on the parent until the call ends)");
        });
        b.append(". One call at a time (advisory lock; a second caller waits), idempotent, logged in "
                + e.schema() + "." + LOG_TABLE + "; returns the number of partitions created, detached or dropped.");
        return b.toString();
    }
}
