package dev.specgen.health;

import dev.specgen.db.Database;
import dev.specgen.db.Databases;
import dev.specgen.db.DbErrors;
import dev.specgen.db.DbOptions;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.SpecgenException;
import dev.specgen.model.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code specgen health}: reads every schema's generated {@code specgen_health()} in a database as it is (nothing is
 * created or changed) and turns its rows into findings with thresholds. Critical: a RANGE table whose last partition
 * ends sooner than premake intervals ahead (or has ended), rows in a DEFAULT partition. Warnings: dead tuples over
 * 20% (and over 1,000), indexes never scanned on a table that is read, duplicate indexes, a fillfactor below 100
 * without HOT updates.
 */
public final class Health {
    static final double DEAD_PCT = 20.0;
    static final long DEAD_MIN = 1000;
    static final long UPDATES_MIN = 1000;
    static final double HOT_PCT = 50.0;
    static final long SECONDS_PER_DAY = 86_400;

    private Health() {
    }

    public enum Severity {
        CRITICAL, WARNING, INFO;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One finding about {@code relation}. */
    public record Finding(Severity severity, String relation, String message) {
    }

    /** What one call found; {@code schemas} read, in order. */
    public record Report(List<String> schemas, List<Finding> findings, List<Diagnostic> diagnostics) {
        public boolean critical() {
            return findings.stream().anyMatch(f -> f.severity() == Severity.CRITICAL);
        }
    }

    /** Opens the database as it is (in place: no scratch objects) and reads its health. */
    public static Report check(DbOptions opts) {
        try (Database db = Databases.open(opts.withInPlace(true)); Connection c = db.connect()) {
            return check(c);
        } catch (SpecgenException e) {
            return new Report(List.of(), List.of(), e.diagnostics());
        } catch (SQLException e) {
            return new Report(List.of(), List.of(), List.of(Diagnostic.error(SourcePos.NONE, Code.SG405,
                    "database error: " + DbErrors.oneLine(e))));
        }
    }

    static Report check(Connection c) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n.nspname FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proname = 'specgen_health' AND p.pronargs = 0"
                + " ORDER BY 1")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        List<Finding> out = new ArrayList<>();
        for (String schema : schemas) {
            read(c, schema, out);
        }
        List<Diagnostic> diags = new ArrayList<>();
        if (schemas.isEmpty()) {
            diags.add(Diagnostic.warning(SourcePos.NONE, Code.SG426, "no schema of this database has specgen's"
                    + " health function").withHint("install the generated SQL (each schema's 00_schema.sql creates"
                    + " <schema>.specgen_health())"));
        }
        return new Report(List.copyOf(schemas), List.copyOf(out), List.copyOf(diags));
    }

    private static void read(Connection c, String schema, List<Finding> out) throws SQLException {
        String sql = "SELECT relation, level, is_default, live_tuples, dead_tuples, dead_pct, updates, hot_update_pct,"
                + " coalesce(seq_scan, 0) + coalesce(idx_scan, 0), fillfactor, unused_indexes, duplicate_indexes,"
                + " rows_in_default, extract(epoch FROM runway), extract(epoch FROM partition_interval), premake,"
                + " partition_interval::text FROM " + Sql.qualified(schema, "specgen_health") + "()";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String rel = rs.getString(1);
                int level = rs.getInt(2);
                long dead = rs.getLong(5);
                double deadPct = rs.getDouble(6);
                long updates = rs.getLong(7);
                Double hot = number(rs, 8);
                long reads = rs.getLong(9);
                Integer fillfactor = (Integer) rs.getObject(10);
                List<String> unused = List.of((String[]) rs.getArray(11).getArray());
                List<String> duplicates = List.of((String[]) rs.getArray(12).getArray());
                Long inDefault = (Long) rs.getObject(13);
                Double runway = number(rs, 14);
                Double interval = number(rs, 15);
                Integer premake = (Integer) rs.getObject(16);
                String intervalText = rs.getString(17);
                if (level == 0 && runway != null) {
                    runway(rel, runway, interval, premake, intervalText, out);
                }
                if (inDefault != null && inDefault > 0) {
                    out.add(new Finding(Severity.CRITICAL, rel, inDefault + " rows in the DEFAULT partition: no"
                            + " partition covers them, so pruning cannot skip them and creating that partition fails"
                            + " until they move (maintain_<table>() moves them)"));
                }
                if (dead > DEAD_MIN && deadPct > DEAD_PCT) {
                    out.add(new Finding(Severity.WARNING, rel, String.format(Locale.ROOT, "%d dead tuples (%.1f%%):"
                            + " autovacuum is behind; check autovacuum settings or long transactions", dead, deadPct)));
                }
                if (!unused.isEmpty() && reads > 0) {
                    out.add(new Finding(Severity.WARNING, rel, "never used since the statistics were reset: "
                            + String.join(", ", unused)));
                }
                if (!duplicates.isEmpty()) {
                    out.add(new Finding(Severity.WARNING, rel, "duplicate indexes: " + String.join(", ", duplicates)));
                }
                if (fillfactor != null && fillfactor < 100 && updates > UPDATES_MIN && hot != null && hot < HOT_PCT) {
                    out.add(new Finding(Severity.WARNING, rel, String.format(Locale.ROOT, "fillfactor %d but only"
                            + " %.1f%% of %d updates are HOT: the free space buys nothing (an indexed column changes?)",
                            fillfactor, hot, updates)));
                }
            }
        }
    }

    /** A numeric column as a double, null when SQL NULL. */
    private static Double number(ResultSet rs, int column) throws SQLException {
        java.math.BigDecimal v = rs.getBigDecimal(column);
        return v == null ? null : v.doubleValue();
    }

    private static void runway(String rel, double seconds, Double interval, Integer premake, String intervalText,
            List<Finding> out) {
        String days = String.format(Locale.ROOT, "%.1f days", seconds / SECONDS_PER_DAY);
        if (seconds <= 0) {
            out.add(new Finding(Severity.CRITICAL, rel, "runway " + days + ": the last range partition has ended;"
                    + " new rows go to the DEFAULT partition (run maintain_<table>(), or add partitions)"));
        } else if (premake != null && interval != null && seconds < premake * interval) {
            out.add(new Finding(Severity.CRITICAL, rel, "runway " + days + ", shorter than premake " + premake + " x "
                    + intervalText + ": maintenance is not running"));
        } else {
            out.add(new Finding(Severity.INFO, rel, "runway " + days));
        }
    }

    /** One line per finding, then a summary. */
    public static String text(Report r) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : r.findings()) {
            sb.append(String.format(Locale.ROOT, "%-8s %s: %s%n", f.severity().word(), f.relation(), f.message()));
        }
        long critical = r.findings().stream().filter(f -> f.severity() == Severity.CRITICAL).count();
        long warnings = r.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
        sb.append("specgen health: ").append(critical).append(" critical, ").append(warnings)
                .append(warnings == 1 ? " warning" : " warnings").append(" in ").append(r.schemas().size())
                .append(r.schemas().size() == 1 ? " schema" : " schemas").append('\n');
        return sb.toString();
    }

    public static String json(Report r) {
        StringBuilder sb = new StringBuilder("{\"schemas\": [");
        for (int i = 0; i < r.schemas().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(dev.specgen.report.Reports.str(r.schemas().get(i)));
        }
        sb.append("], \"critical\": ").append(r.critical()).append(", \"findings\": [");
        for (int i = 0; i < r.findings().size(); i++) {
            Finding f = r.findings().get(i);
            sb.append(i > 0 ? ", " : "").append("{\"severity\": ").append(dev.specgen.report.Reports.str(
                    f.severity().word())).append(", \"relation\": ").append(dev.specgen.report.Reports.str(
                    f.relation())).append(", \"message\": ").append(dev.specgen.report.Reports.str(f.message()))
                    .append('}');
        }
        return sb.append("]}\n").toString();
    }
}
