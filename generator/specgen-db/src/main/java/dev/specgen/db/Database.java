package dev.specgen.db;

import dev.specgen.diag.SpecgenException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * A live database to apply generated DDL to, obtained from {@link Databases#open(DbOptions)}. Start one per run;
 * isolate applies with {@link #createScratchDatabase()} (a fresh empty database on the same server) instead of
 * restarting. Every failure to reach the server is a {@link SpecgenException} with code SG405.
 */
public final class Database implements AutoCloseable {

    /** How this database keeps specgen away from user objects. */
    public enum Isolation {
        /** A {@code specgen_scratch_*} database created for this run and dropped on close. */
        SCRATCH_DATABASE,
        /** The user may not CREATE DATABASE: specgen runs in the given database, only inside its own schemas. */
        SCHEMAS_ONLY,
        /** {@code --in-place}: the given database, as it is. */
        IN_PLACE
    }

    private static final Driver DRIVER = new Driver();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final PgServer server;
    private final boolean keep;
    private final int versionNum;
    private final String version;
    private final Set<String> created = new LinkedHashSet<>();
    private final Set<String> preexistingSchemas = new TreeSet<>();
    private final Set<String> claimedSchemas = new TreeSet<>();
    private Isolation isolation;
    private String database;
    private boolean closed;

    private Database(PgServer server, boolean keep, int versionNum, String version) {
        this.server = server;
        this.keep = keep;
        this.versionNum = versionNum;
        this.version = version;
    }

    static Database open(PgServer server, boolean inPlace, boolean keep) {
        String home = server.homeDatabase();
        int num;
        String ver;
        try (Connection c = connect(server, home); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int, "
                        + "split_part(current_setting('server_version'), ' ', 1)")) {
            rs.next();
            num = rs.getInt(1);
            ver = rs.getString(2);
        } catch (SQLException e) {
            throw DbErrors.connectFailed(server.jdbcUrl(home), e);
        }
        Database db = new Database(server, keep, num, ver);
        db.database = home;
        if (inPlace) {
            db.isolation = Isolation.IN_PLACE;
            return db;
        }
        String name = randomName();
        SQLException refused = db.tryCreate(name);
        if (refused == null) {
            db.created.add(name);
            db.database = name;
            db.isolation = Isolation.SCRATCH_DATABASE;
        } else if ("42501".equals(refused.getSQLState())) {
            db.isolation = Isolation.SCHEMAS_ONLY;
            db.preexistingSchemas.addAll(db.schemaNames());
        } else {
            throw DbErrors.unavailable("cannot create a scratch database on " + server.label() + ": "
                    + DbErrors.oneLine(refused), "grant CREATEDB to the user, or pass --in-place to use the database "
                    + "as it is");
        }
        return db;
    }

    /** JDBC URL of the database specgen works in (the scratch database unless SCHEMAS_ONLY or IN_PLACE). */
    public String jdbcUrl() {
        return server.jdbcUrl(database);
    }

    public String jdbcUrl(String databaseName) {
        return server.jdbcUrl(databaseName);
    }

    public String databaseName() {
        return database;
    }

    /** A fresh connection (auto-commit on) to {@link #databaseName()}; the caller closes it. */
    public Connection connect() {
        return connect(database);
    }

    public Connection connect(String databaseName) {
        try {
            return connect(server, databaseName);
        } catch (SQLException e) {
            throw DbErrors.connectFailed(server.jdbcUrl(databaseName), e);
        }
    }

    /** E.g. {@code embedded PostgreSQL 17.6} or {@code PostgreSQL 15.8 at db.example:5432}. */
    public String description() {
        String label = server.label();
        int at = label.indexOf("PostgreSQL") + "PostgreSQL".length();
        return label.substring(0, at) + " " + version + label.substring(at);
    }

    public int serverVersionNum() {
        return versionNum;
    }

    /** {@code 17.6}: the version without distribution suffixes. */
    public String serverVersion() {
        return version;
    }

    public Isolation isolation() {
        return isolation;
    }

    /** True when close() leaves the server and scratch databases running (their JDBC URLs stay valid). */
    public boolean kept() {
        return keep;
    }

    /** Creates an empty {@code specgen_scratch_<random>} database on the same server and returns its name. */
    public String createScratchDatabase() {
        return createScratchDatabase(randomName());
    }

    /**
     * Creates an empty database (template0, UTF8, C collation) for one isolated apply; dropped on close.
     * SG405 when the user may not create databases (see {@link #isolation()}).
     */
    public String createScratchDatabase(String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        SQLException e = tryCreate(name);
        if (e != null) {
            throw DbErrors.unavailable("cannot create database " + name + ": " + DbErrors.oneLine(e),
                    "grant CREATEDB to the user, or apply into schemas (Database.prepareSchemas)");
        }
        created.add(name);
        return name;
    }

    /** Drops a database created by {@link #createScratchDatabase}; refuses any other database. */
    public void dropDatabase(String name) {
        if (!created.contains(name)) {
            throw new IllegalArgumentException("specgen did not create database " + name + "; refusing to drop it");
        }
        String force = versionNum >= 130000 ? " WITH (FORCE)" : "";
        runOnHome("DROP DATABASE IF EXISTS " + quote(name) + force);
        created.remove(name);
        if (name.equals(database)) {
            database = server.homeDatabase();
        }
    }

    /**
     * Makes {@link #databaseName()} ready for an apply that creates these schemas: drops them (CASCADE) if an
     * earlier apply left them. In SCHEMAS_ONLY mode a schema that existed before this run is refused (SG405), so
     * user objects are never touched, and claimed schemas are dropped on close. IN_PLACE: does nothing.
     */
    public void prepareSchemas(Collection<String> schemas) {
        if (isolation == Isolation.IN_PLACE) {
            return;
        }
        if (isolation == Isolation.SCHEMAS_ONLY) {
            for (String s : schemas) {
                if (preexistingSchemas.contains(s)) {
                    throw DbErrors.unavailable("schema " + s + " already exists in database " + database
                            + ", and specgen may not create a scratch database there",
                            "use a user with CREATEDB or an empty database, or pass --in-place");
                }
            }
            claimedSchemas.addAll(schemas);
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : schemas) {
                st.execute("DROP SCHEMA IF EXISTS " + quote(s) + " CASCADE");
            }
        } catch (SQLException e) {
            throw DbErrors.unavailable("cannot reset schemas " + schemas + ": " + DbErrors.oneLine(e),
                    "check that the user owns these schemas");
        }
    }

    /**
     * {@link TapInstaller#ensure} on {@code c}, respecting the isolation: in SCHEMAS_ONLY mode the {@code tap}
     * schema counts as specgen's (dropped on close) unless it existed before, in which case it must already
     * hold pgTAP or specgen's TAP functions.
     */
    public TapInstaller.TapSetup installTap(Connection c) {
        if (isolation == Isolation.SCHEMAS_ONLY) {
            if (preexistingSchemas.contains(TapInstaller.SCHEMA)) {
                return TapInstaller.find(c).orElseThrow(() -> DbErrors.unavailable("schema tap already exists in "
                        + database + " without pgTAP", "install pgTAP there, or use a user with CREATEDB"));
            }
            claimedSchemas.add(TapInstaller.SCHEMA);
        }
        return TapInstaller.ensure(c);
    }

    /** Drops what this run created (unless kept) and stops the server if specgen started it. Never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!keep) {
            if (isolation == Isolation.SCHEMAS_ONLY && !claimedSchemas.isEmpty()) {
                try (Connection c = connect(); Statement st = c.createStatement()) {
                    for (String s : claimedSchemas) {
                        st.execute("DROP SCHEMA IF EXISTS " + quote(s) + " CASCADE");
                    }
                } catch (SQLException | SpecgenException ignored) {
                    // best effort; the schemas are specgen's own
                }
            }
            if (!server.owned()) { // an owned server is discarded whole
                for (String name : List.copyOf(created)) {
                    try {
                        dropDatabase(name);
                    } catch (SpecgenException ignored) {
                        // best effort
                    }
                }
            }
        }
        server.close();
    }

    private SQLException tryCreate(String name) {
        try (Connection c = connect(server, server.homeDatabase()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + quote(name) + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' "
                    + "LC_CTYPE 'C'");
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private void runOnHome(String sql) {
        try (Connection c = connect(server, server.homeDatabase()); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw DbErrors.unavailable(DbErrors.oneLine(e), "check the server log");
        }
    }

    private Set<String> schemaNames() {
        Set<String> out = new TreeSet<>();
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw DbErrors.connectFailed(jdbcUrl(), e);
        }
        return out;
    }

    private static Connection connect(PgServer server, String db) throws SQLException {
        Connection c = DRIVER.connect(server.jdbcUrl(db), server.connectProperties());
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + server.jdbcUrl(db), "08001");
        }
        return c;
    }

    private static String randomName() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return "specgen_scratch_" + HexFormat.of().formatHex(b);
    }

    static String quote(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }
}
