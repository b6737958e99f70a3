package dev.specgen.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes pgTAP functions callable for the generated test files: pgTAP itself where the {@code pgtap} extension is
 * installed already (anywhere: it is used, never changed), or may be created in a database of the run's own
 * (scratch), into the run's schema; otherwise specgen's compatible subset ({@code specgen_tap.sql}) in the run's
 * schema ({@code specgen_run_<id>}, see {@link Database#runSchema}). Never a fixed schema such as {@code tap},
 * which may be a user's. Test files call the functions unqualified; {@link TapRunner} puts
 * {@link TapSetup#schema()} on the session's search_path and the files add their own schema in front.
 */
public final class TapInstaller {
    public static final String RESOURCE = "specgen_tap.sql";
    /** Must match {@code specgen_tap_version()} in the resource; bump both when the SQL changes. */
    static final String BUNDLED_VERSION = "2";

    /**
     * Where the TAP functions live.
     *
     * @param schema     schema holding them (the run schema, or wherever pgtap was installed before)
     * @param realPgtap  true for the pgtap extension, false for specgen's bundled subset
     * @param version    pgtap's extension version, or the bundled subset's version
     */
    public record TapSetup(String schema, boolean realPgtap, String version) {
        public TapSetup {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(version, "version == null");
        }

        public String describe() {
            return (realPgtap ? "pgTAP " : "specgen TAP subset ") + version + " in schema " + schema;
        }

        /** The session search_path for a test file: the TAP functions first, then the defaults. */
        public String searchPath() {
            return Database.quote(schema) + ", \"$user\", public";
        }
    }

    private TapInstaller() {
    }

    /**
     * Installs the TAP functions into {@code schema} (which the caller created for this) unless pgtap is
     * installed already. Commits; call with no transaction open.
     *
     * @param mayCreatePgtap whether {@code CREATE EXTENSION pgtap} may be tried (only in a database of specgen's
     *                       own: an extension is database-wide)
     */
    public static TapSetup ensure(Connection c, String schema, boolean mayCreatePgtap) {
        try {
            Optional<TapSetup> found = find(c, schema);
            if (found.isPresent()) {
                return found.get();
            }
            if (mayCreatePgtap && pgtapAvailable(c)) {
                Optional<TapSetup> real = tryCreateExtension(c, schema);
                if (real.isPresent()) {
                    return real.get();
                }
            }
            installBundled(c, schema);
            return new TapSetup(schema, false, BUNDLED_VERSION);
        } catch (SQLException e) {
            throw DbErrors.unavailable("cannot install the TAP test functions: " + DbErrors.oneLine(e),
                    "check that the user may create functions in schema " + schema);
        }
    }

    /** pgtap already installed anywhere, or the current bundled subset in {@code schema}. */
    public static Optional<TapSetup> find(Connection c, String schema) {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname, e.extversion FROM pg_extension e "
                        + "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pgtap'")) {
            if (rs.next()) {
                return Optional.of(new TapSetup(rs.getString(1), true, rs.getString(2)));
            }
        } catch (SQLException e) {
            throw DbErrors.unavailable("cannot look for pgTAP: " + DbErrors.oneLine(e), "check the connection");
        }
        String fn = Database.quote(schema) + ".specgen_tap_version()";
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regprocedure(" + RunSchemas.literal(fn) + ") IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1) && BUNDLED_VERSION.equals(bundledVersion(c, fn))) {
                return Optional.of(new TapSetup(schema, false, BUNDLED_VERSION));
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw DbErrors.unavailable("cannot look for the TAP functions: " + DbErrors.oneLine(e),
                    "check the connection");
        }
    }

    /** The SQL of the bundled subset. */
    public static String bundledSql() {
        try (InputStream in = TapInstaller.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the specgen jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bundledVersion(Connection c, String fn) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + fn)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean pgtapAvailable(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'pgtap'")) {
            return rs.next();
        }
    }

    private static Optional<TapSetup> tryCreateExtension(Connection c, String schema) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pgtap SCHEMA " + Database.quote(schema));
            c.commit();
        } catch (SQLException e) {
            c.rollback(); // e.g. no privilege: fall back to the subset
            return Optional.empty();
        } finally {
            c.setAutoCommit(auto);
        }
        return find(c, schema).filter(TapSetup::realPgtap);
    }

    private static void installBundled(Connection c, String schema) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL search_path = " + Database.quote(schema) + ", pg_catalog");
            for (Stmt s : Stmt.fromScript(bundledSql())) {
                st.execute(s.sql());
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
