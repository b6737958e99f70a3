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
 * Makes pgTAP functions callable: the real {@code pgtap} extension when the server has it (installed into schema
 * {@code tap}), otherwise specgen's compatible subset ({@code specgen_tap.sql}) in schema {@code tap}. Test files
 * call the functions unqualified; {@link TapRunner} puts {@code tap} on the search_path.
 */
public final class TapInstaller {
    public static final String SCHEMA = "tap";
    public static final String RESOURCE = "specgen_tap.sql";
    /** Must match {@code specgen_tap_version()} in the resource; bump both when the SQL changes. */
    static final String BUNDLED_VERSION = "1";

    /**
     * Where the TAP functions live.
     *
     * @param schema     schema holding them ({@code tap}, or wherever pgtap was installed before)
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
    }

    private TapInstaller() {
    }

    /** Real pgtap if available, else the bundled subset. Commits; call with no transaction open. */
    public static TapSetup ensure(Connection c) {
        return ensure(c, true);
    }

    /**
     * @param preferPgtap false installs the bundled subset even where pgtap is available (to compare the two);
     *                    an already installed pgtap extension is used either way
     */
    public static TapSetup ensure(Connection c, boolean preferPgtap) {
        try {
            Optional<TapSetup> found = find(c);
            if (found.isPresent() && (found.get().realPgtap() || !preferPgtap || !pgtapAvailable(c))) {
                return found.get();
            }
            if (preferPgtap && pgtapAvailable(c)) {
                Optional<TapSetup> real = tryCreateExtension(c);
                if (real.isPresent()) {
                    return real.get();
                }
            }
            if (found.isPresent()) {
                return found.get();
            }
            installBundled(c);
            return new TapSetup(SCHEMA, false, BUNDLED_VERSION);
        } catch (SQLException e) {
            throw DbErrors.unavailable("cannot install the TAP test functions: " + DbErrors.oneLine(e),
                    "check that the user may create schema tap and functions in it");
        }
    }

    /** pgtap already installed anywhere, or the current bundled subset in schema tap. */
    public static Optional<TapSetup> find(Connection c) {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname, e.extversion FROM pg_extension e "
                        + "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pgtap'")) {
            if (rs.next()) {
                return Optional.of(new TapSetup(rs.getString(1), true, rs.getString(2)));
            }
        } catch (SQLException e) {
            throw DbErrors.unavailable("cannot look for pgTAP: " + DbErrors.oneLine(e), "check the connection");
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT to_regprocedure('tap.specgen_tap_version()') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1) && BUNDLED_VERSION.equals(bundledVersion(c))) {
                return Optional.of(new TapSetup(SCHEMA, false, BUNDLED_VERSION));
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

    private static String bundledVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT tap.specgen_tap_version()")) {
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

    private static Optional<TapSetup> tryCreateExtension(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(hashtext('specgen_tap'))");
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            st.execute("CREATE EXTENSION IF NOT EXISTS pgtap SCHEMA " + SCHEMA);
            c.commit();
        } catch (SQLException e) {
            c.rollback(); // e.g. no privilege, or our subset occupies the names: fall back to the subset
            return Optional.empty();
        } finally {
            c.setAutoCommit(auto);
        }
        return find(c).filter(TapSetup::realPgtap);
    }

    private static void installBundled(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(hashtext('specgen_tap'))");
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            st.execute("SET LOCAL search_path = " + SCHEMA + ", pg_catalog");
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
