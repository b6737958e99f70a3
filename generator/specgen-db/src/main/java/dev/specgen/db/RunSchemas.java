package dev.specgen.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's own schema ({@code specgen_run_<id>}, {@link Run#schema()}): created with its marker comment, dropped
 * with what it claims, re-marked when kept. All under {@link Leftovers#LOCK}, in one transaction each.
 *
 * <p>Schemas-only mode (no CREATEDB): the spec's schemas have fixed names, so two runs on one database would work in
 * the same schemas. A run claims them ({@link #claim}): it checks that none exists (a user's schema, or one a live
 * run claimed), then creates them and its run schema, whose marker lists their OIDs. A second run finds the claim
 * and refuses, naming the run that holds it; a killed run's claim is swept by the next run ({@link Leftovers}).
 */
final class RunSchemas {
    private RunSchemas() {
    }

    /** Creates the run schema (no claims) in the connected database; auto-commit connection. */
    static void create(Connection c, Run run) throws SQLException {
        inTransaction(c, st -> {
            st.execute("CREATE SCHEMA " + Database.quote(run.schema()));
            st.execute("COMMENT ON SCHEMA " + Database.quote(run.schema()) + " IS "
                    + literal(run.schemaMarker(List.of())));
        });
    }

    /** Drops the schemas with these OIDs (if they still exist) and the run schema. */
    static void drop(Connection c, Run run, List<Long> claimed) throws SQLException {
        inTransaction(c, st -> {
            for (long oid : claimed) {
                Optional<String> name = Leftovers.schemaName(c, oid);
                if (name.isPresent()) {
                    st.execute("DROP SCHEMA IF EXISTS " + Database.quote(name.get()) + " CASCADE");
                }
            }
            st.execute("DROP SCHEMA IF EXISTS " + Database.quote(run.schema()) + " CASCADE");
        });
    }

    /** --keep: a marker later runs do not take for a leftover (it no longer starts "specgen run <id> "). */
    static void keep(Connection c, Run run) throws SQLException {
        inTransaction(c, st -> st.execute("COMMENT ON SCHEMA " + Database.quote(run.schema()) + " IS " + literal(
                "specgen schemas kept by " + run.describe() + " (--keep); drop this schema and the spec's schemas "
                + "when done")));
    }

    private interface Work {
        void run(Statement st) throws SQLException;
    }

    private static void inTransaction(Connection c, Work work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(Leftovers.LOCK);
            work.run(st);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * Creates {@code schemas} and the run schema in the connected database, or refuses (SG405) naming who has them.
     *
     * @return the OIDs of the created spec schemas
     */
    static List<Long> claim(Connection c, Run run, Collection<String> schemas, String database) {
        boolean auto = true;
        try {
            auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(Leftovers.LOCK);
                Map<Long, String> live = liveClaims(c);
                for (String s : schemas) {
                    Long oid = oid(c, s);
                    if (oid == null) {
                        continue;
                    }
                    if (live.containsKey(oid)) {
                        throw DbErrors.unavailable("schema " + s + " in database " + database + " is in use by "
                                + "another specgen " + live.get(oid), "wait for that run to finish (two runs "
                                + "without CREATEDB share the spec's schemas, so they take turns), or use a user with "
                                + "CREATEDB, which gives every run a database of its own");
                    }
                    throw DbErrors.unavailable("schema " + s + " already exists in database " + database
                            + ", and specgen may not create a scratch database there",
                            "use a user with CREATEDB or an empty database, or pass --in-place");
                }
                List<Long> oids = new ArrayList<>();
                for (String s : schemas) {
                    st.execute("CREATE SCHEMA " + Database.quote(s));
                    oids.add(oid(c, s));
                }
                st.execute("CREATE SCHEMA " + Database.quote(run.schema()));
                st.execute("COMMENT ON SCHEMA " + Database.quote(run.schema()) + " IS "
                        + literal(run.schemaMarker(oids)));
                c.commit();
                return oids;
            }
        } catch (SQLException e) {
            rollback(c);
            throw DbErrors.unavailable("cannot create schemas " + schemas + " in database " + database + ": "
                    + DbErrors.oneLine(e), "check that the user may create schemas in that database");
        } catch (RuntimeException e) {
            rollback(c);
            throw e;
        } finally {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // broken connection: reported by the next statement
            }
        }
    }

    /** Schema OID -> the run that claims it, for runs that still have a session. */
    private static Map<Long, String> liveClaims(Connection c) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        for (Leftovers.RunSchema s : Leftovers.runSchemas(c)) {
            if (!s.claims().isEmpty() && Leftovers.alive(c, s.id())) {
                s.claims().forEach(o -> out.put(o, Run.owner(s.comment())));
            }
        }
        return out;
    }

    private static Long oid(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT oid::bigint FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // nothing to undo on a broken connection
        }
    }
}
