package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.List;
import java.util.Objects;

/**
 * The plan records of generated partition maintenance ({@code premake}, {@code retention}): the log table of a
 * schema, the {@code maintain_<table>(p_now)} function of a table and its pg_cron schedule. Names and literals are
 * quoted and SQL fragments spelled by {@link MaintenancePlanner}; the templates only place them.
 */
public sealed interface MaintenanceObject extends SqlObject {

    /** {@code <schema>.specgen_partition_log}: one row per maintenance call that changed something. */
    record CreateMaintenanceLog(String name, String pkey, SourcePos origin) implements MaintenanceObject {
        public CreateMaintenanceLog {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(pkey, "pkey == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "partition maintenance log " + name;
        }

        public String template() {
            return "create_maintenance_log";
        }
    }

    /**
     * A subpartition every new partition gets: {@code createFormat} is a {@code format()} string literal with
     * {@code %1$I} the schema, {@code %2$I} the new partition and {@code %3$I} the subpartition's name, which
     * {@code nameSql} computes from {@code part} (the new partition's name): {@code part || '_h0'} by default.
     */
    record SubPartition(String nameSql, String createFormat) {
        public SubPartition {
            Objects.requireNonNull(nameSql, "nameSql == null");
            Objects.requireNonNull(createFormat, "createFormat == null");
        }
    }

    /**
     * {@code maintain_<table>(p_now timestamptz DEFAULT now())}. Interval ranges compute in UTC wall-clock
     * {@code timestamp}s, step ranges in {@code numeric}; the SQL expressions ({@code bucketOfKey}: the start of a
     * key's partition; {@code lastStart}: the last premade partition's start; {@code windowEnd}: where the premade
     * ones end; {@code partName}, {@code lowerBound}, {@code upperBound}: of partition {@code bucket}) and
     * {@code format()} literals ({@code %1$I} schema, {@code %2$I} the new partition, then its bounds) are spelled in
     * {@link MaintenancePlanner}. {@code schemaLiteral} is the partitions' schema ({@code partition_schema}, or the
     * table's). {@code retentionSql} is the horizon (partitions ending at or before it go), empty without retention.
     */
    record MaintainFunction(String function, String parent, String parentLiteral, String schemaLiteral,
            String defaultPartition, String key, String keyType, boolean byStep, String truncUnit, String step,
            String anchor, String bucketOfKey, String lastStart, String seriesStep, String windowEnd, String partName,
            String lowerBound, String upperBound, boolean create, String retentionSql, boolean detach,
            String createFormat, String checkFormat, String moveFormat, String attachFormat,
            List<SubPartition> subPartitions, String replicaIdentity, String log, String lockKey,
            List<String> settings, String summary, SourcePos origin) implements MaintenanceObject {
        public MaintainFunction {
            Objects.requireNonNull(function, "function == null");
            Objects.requireNonNull(parent, "parent == null");
            Objects.requireNonNull(defaultPartition, "defaultPartition == null");
            Objects.requireNonNull(retentionSql, "retentionSql == null");
            subPartitions = List.copyOf(subPartitions);
            Objects.requireNonNull(replicaIdentity, "replicaIdentity == null");
            settings = List.copyOf(settings);
            Objects.requireNonNull(summary, "summary == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasDefault() {
            return !defaultPartition.isEmpty();
        }

        public boolean hasRetention() {
            return !retentionSql.isEmpty();
        }

        public List<String> summaryLines() {
            return TextLines.wrap(summary, 114);
        }

        public String tag() {
            return BodyTag.of(this);
        }

        public String describe() {
            return "function " + function;
        }

        public String template() {
            return "maintain_partitions";
        }
    }

    /** With pg_cron installed, a job calling the maintenance function ({@code job}, {@code cron}: literals). */
    record ScheduleMaintenance(String job, String cron, String command, SourcePos origin)
            implements MaintenanceObject {
        public ScheduleMaintenance {
            Objects.requireNonNull(job, "job == null");
            Objects.requireNonNull(cron, "cron == null");
            Objects.requireNonNull(command, "command == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String tag() {
            return Sql.dollarTag(job + cron + command);
        }

        public String describe() {
            return "pg_cron schedule " + job;
        }

        public String template() {
            return "schedule_maintenance";
        }
    }

    /**
     * {@code <schema>.specgen_health(only_table text)}: per table of the schema (or only {@code only_table}, which
     * the generated tests read: a whole schema per test made the tests of a schema grow with its square) and each of its partitions (those maintenance made
     * too, read from the catalog), tuples, dead %, HOT updates, scans, sizes, fillfactor, unused and duplicate
     * indexes, rows in a DEFAULT partition and, for RANGE partitioning on a date or time key, the runway: how long
     * until the last partition ends. {@code rows} are the {@code VALUES} rows of the schema's tables (schema, table,
     * whether the key is timestamptz (NULL: no runway), the partition interval and premake when maintained), spelled
     * by {@link HealthPlanner}. {@code specgen health} reads it.
     */
    record HealthFunction(String function, List<String> rows, List<String> settings, SourcePos origin)
            implements MaintenanceObject {
        public HealthFunction {
            Objects.requireNonNull(function, "function == null");
            rows = List.copyOf(rows);
            settings = List.copyOf(settings);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String tag() {
            return Sql.dollarTag(String.join("\n", rows));
        }

        public String describe() {
            return "health function " + function;
        }

        public String template() {
            return "health_function";
        }
    }

    /**
     * {@code <schema>.specgen_health()}: {@link HealthFunction} of every table of the schema, which
     * {@code specgen health} reads; created after it (a SQL function's body must resolve when it is created).
     */
    record HealthOfSchema(String function, List<String> settings, SourcePos origin) implements MaintenanceObject {
        public HealthOfSchema {
            Objects.requireNonNull(function, "function == null");
            settings = List.copyOf(settings);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "health function " + function + "()";
        }

        public String template() {
            return "health_function_all";
        }
    }

    /** Comment lines: words wrapped at a width. */
    final class TextLines {
        private TextLines() {
        }

        static List<String> wrap(String text, int width) {
            List<String> out = new java.util.ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String w : text.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + w.length() > width) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(w);
            }
            if (line.length() > 0) {
                out.add(line.toString());
            }
            return out;
        }
    }
}
