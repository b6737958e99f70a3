package dev.specgen.db;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What interrupted runs left on a server, found and removed: scratch databases and run schemas (with the spec
 * schemas a run claimed in schemas-only mode) whose run is gone, i.e. has no session left ({@link Run}). Objects
 * without specgen's name pattern AND marker comment are never touched, nor are those of runs still working, nor
 * databases kept with {@code --keep}.
 */
final class Leftovers {
    /** Serializes claiming, sweeping and dropping run schemas in one database (a transaction-level lock). */
    static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('specgen run schemas'))";

    /** What a sweep removed ({@code "scratch database x of run y"}) and what it could not. */
    record Sweep(List<String> removed, List<String> problems) {
        Sweep {
            removed = List.copyOf(removed);
            problems = List.copyOf(problems);
        }

        /** SG411 warnings: one for what was removed, one per problem. */
        List<Diagnostic> diagnostics() {
            List<Diagnostic> out = new ArrayList<>();
            if (!removed.isEmpty()) {
                out.add(Diagnostic.warning(SourcePos.NONE, Code.SG411, "removed what interrupted runs left: "
                        + String.join(", ", removed)).withHint("runs killed with kill -9 cannot clean up; specgen "
                        + "removes their scratch objects once none of their sessions remains"));
            }
            for (String p : problems) {
                out.add(Diagnostic.warning(SourcePos.NONE, Code.SG411, p)
                        .withHint("drop it by hand, or run specgen with a user that owns it"));
            }
            return out;
        }
    }

    private Leftovers() {
    }

    /** True while some session of run {@code id} exists on the server (any database, any user). */
    static boolean alive(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = ?)")) {
            ps.setString(1, "specgen_" + id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean connected(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = ?)")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Drops the scratch databases of runs that are gone; {@code home} is an auto-commit connection. */
    static Sweep databases(Connection home, int versionNum) {
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> candidates = new LinkedHashMap<>();
        try (Statement st = home.createStatement();
                ResultSet rs = st.executeQuery("SELECT d.datname, shobj_description(d.oid, 'pg_database') "
                        + "FROM pg_database d WHERE d.datname LIKE 'specgen\\_scratch\\_%' ORDER BY 1")) {
            while (rs.next()) {
                candidates.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            return new Sweep(removed, List.of("cannot look for scratch databases of interrupted runs: "
                    + DbErrors.oneLine(e)));
        }
        for (Map.Entry<String, String> d : candidates.entrySet()) {
            Optional<String> run = Run.ofScratchDatabase(d.getKey(), d.getValue());
            try {
                // without a marker, a database someone is connected to may still be in use
                if (run.isEmpty() || alive(home, run.get()) || d.getValue() == null && connected(home, d.getKey())) {
                    continue;
                }
                try (Statement st = home.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + Database.quote(d.getKey())
                            + (versionNum >= 130000 ? " WITH (FORCE)" : ""));
                }
                removed.add("scratch database " + d.getKey() + " of " + owner(d.getKey(), d.getValue()));
            } catch (SQLException e) {
                problems.add("cannot drop scratch database " + d.getKey() + " of " + owner(d.getKey(), d.getValue())
                        + ": " + DbErrors.oneLine(e));
            }
        }
        return new Sweep(removed, problems);
    }

    /**
     * In the connected database: drops each run schema of a run that is gone, with the schemas it claims (only
     * those whose OID the marker names, so a schema created since under the same name stays). One transaction per
     * run, under {@link #LOCK}.
     */
    static Sweep schemas(Connection c) {
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean auto = autoCommit(c);
        try {
            c.setAutoCommit(false);
            for (RunSchema s : runSchemas(c)) {
                try (Statement st = c.createStatement()) {
                    st.execute(LOCK);
                    if (alive(c, s.id())) {
                        c.rollback();
                        continue;
                    }
                    for (long oid : s.claims()) {
                        Optional<String> name = schemaName(c, oid);
                        if (name.isPresent()) {
                            st.execute("DROP SCHEMA IF EXISTS " + Database.quote(name.get()) + " CASCADE");
                            removed.add("schema " + name.get() + " claimed by " + Run.owner(s.comment()));
                        }
                    }
                    st.execute("DROP SCHEMA IF EXISTS " + Database.quote(s.name()) + " CASCADE");
                    c.commit();
                    removed.add("schema " + s.name() + " of " + Run.owner(s.comment()));
                } catch (SQLException e) {
                    rollback(c);
                    problems.add("cannot drop schema " + s.name() + " of " + Run.owner(s.comment()) + ": "
                            + DbErrors.oneLine(e));
                }
            }
        } catch (SQLException e) {
            rollback(c);
            problems.add("cannot look for schemas of interrupted runs: " + DbErrors.oneLine(e));
        } finally {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // a broken connection: the caller finds out on its next statement
            }
        }
        return new Sweep(removed, problems);
    }

    private static String owner(String name, String comment) {
        return comment != null ? Run.owner(comment) : "run " + name.substring("specgen_scratch_".length(),
                "specgen_scratch_".length() + 10);
    }

    /** A run schema specgen made: name, run id, marker, claimed schema OIDs. */
    record RunSchema(String name, String id, String comment, List<Long> claims) {
    }

    /** Every run schema in the connected database (name pattern and marker), with its claims. */
    static List<RunSchema> runSchemas(Connection c) throws SQLException {
        List<RunSchema> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname, obj_description(n.oid, 'pg_namespace') "
                        + "FROM pg_namespace n WHERE n.nspname LIKE 'specgen\\_run\\_%' ORDER BY 1")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String comment = rs.getString(2);
                Run.ofRunSchema(name, comment).ifPresent(id -> out.add(new RunSchema(name, id, comment,
                        Run.claims(comment))));
            }
        }
        return out;
    }

    static Optional<String> schemaName(Connection c, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nspname FROM pg_namespace WHERE oid = ?::oid")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static boolean autoCommit(Connection c) {
        try {
            return c.getAutoCommit();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void rollback(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // nothing to undo on a broken connection
        }
    }
}
