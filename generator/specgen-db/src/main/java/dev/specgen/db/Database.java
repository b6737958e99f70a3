package dev.specgen.db;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.SpecgenException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A live database to apply generated DDL to, obtained from {@link Databases#open(DbOptions)}: one {@link Run}.
 * Every failure to reach the server is a {@link SpecgenException} with code SG405.
 *
 * <p>What it leaves behind: nothing, on success, failure, SIGINT/SIGTERM (a shutdown hook, and {@link #interruptAll}
 * for front doors that catch signals) and, for what a killed run left, at the start of the next run on the same
 * server ({@link Leftovers}). Every session carries {@code application_name = specgen_<run id>} and one session
 * stays open for the whole run, which is how a later run tells live work from leftovers.
 */
public final class Database implements AutoCloseable {

    /** How this database keeps specgen away from user objects. */
    public enum Isolation {
        /** A {@code specgen_scratch_<run>} database created for this run and dropped on close. */
        SCRATCH_DATABASE,
        /**
         * The user may not CREATE DATABASE: specgen runs in the given database, only inside schemas it creates
         * itself (refusing any that exist) and drops on close.
         */
        SCHEMAS_ONLY,
        /** {@code --in-place}: the given database, as it is. */
        IN_PLACE
    }

    private static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Set<Database> OPEN = ConcurrentHashMap.newKeySet();

    private final PgServer server;
    private final DbOptions opts;
    private final Run run = Run.create();
    private final Set<String> created = new LinkedHashSet<>();
    private final Sessions sessions;
    private final List<Diagnostic> notes = Collections.synchronizedList(new ArrayList<>());
    private final Thread hook = new Thread(this::shutdown, "specgen-database-cleanup");
    private int versionNum;
    private String version;
    private Connection keeper;
    private Isolation isolation;
    private String database;
    private List<Long> claimedOids = List.of();
    /** The databases holding this run's schema ({@link #runSchema}). */
    private final Set<String> runSchemaIn = ConcurrentHashMap.newKeySet();
    private int scratchCount;
    private volatile String interrupted;
    private boolean closed;

    private Database(PgServer server, DbOptions opts) {
        this.server = server;
        this.opts = opts;
        this.sessions = new Sessions(server, run);
    }

    static Database open(PgServer server, DbOptions opts) {
        Database db = new Database(server, opts);
        String home = server.homeDatabase();
        db.database = home;
        try {
            db.keeper = db.rawConnect(home);
            try (Statement st = db.keeper.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int, "
                            + "split_part(current_setting('server_version'), ' ', 1)")) {
                rs.next();
                db.versionNum = rs.getInt(1);
                db.version = rs.getString(2);
            }
        } catch (SQLException e) {
            db.closeKeeper();
            throw DbErrors.connectFailed(server.jdbcUrl(home), e);
        }
        java.util.Optional<dev.specgen.diag.SpecgenException> old = DbErrors.tooOld(server.jdbcUrl(home),
                db.versionNum, db.version);
        if (old.isPresent()) {
            db.closeKeeper();
            throw old.get();
        }
        OPEN.add(db);
        try {
            Runtime.getRuntime().addShutdownHook(db.hook);
        } catch (IllegalStateException shuttingDown) {
            db.close();
            throw Interrupts.interrupted("the JVM is shutting down", "connecting to the database");
        }
        try {
            Interrupts.check("connecting to the database");
            db.decideIsolation(opts.inPlace());
        } catch (RuntimeException e) {
            db.close();
            if (db.interrupted != null) {
                // the interrupt cancelled what was running: report the interrupt, not the cancelled statement
                throw Interrupts.interrupted(db.interrupted, "preparing the database");
            }
            throw e;
        }
        return db;
    }

    private void decideIsolation(boolean inPlace) {
        if (!server.owned()) {
            note(Leftovers.databases(keeper, versionNum));
        }
        if (inPlace) {
            isolation = Isolation.IN_PLACE;
            note(Leftovers.schemas(keeper));
            return;
        }
        String name = run.scratchDatabase();
        SQLException refused = tryCreate(name);
        if (refused == null) {
            created.add(name);
            database = name;
            isolation = Isolation.SCRATCH_DATABASE;
        } else if ("42501".equals(refused.getSQLState())) {
            isolation = Isolation.SCHEMAS_ONLY;
            note(Leftovers.schemas(keeper));
        } else if (DbErrors.cause(refused.getSQLState(), refused.getMessage()) == DbErrors.Cause.READ_ONLY) {
            throw DbErrors.readOnly(keeper, server.label(), refused);
        } else {
            throw DbErrors.unavailable("cannot create a scratch database on " + server.label() + ": "
                    + DbErrors.oneLine(refused), "grant CREATEDB to the user, or pass --in-place to use the database "
                    + "as it is");
        }
    }

    /** The run this database belongs to (its id names the scratch objects). */
    public Run run() {
        return run;
    }

    /** JDBC URL of the database specgen works in (the scratch database unless SCHEMAS_ONLY or IN_PLACE); no password. */
    public String jdbcUrl() {
        return server.jdbcUrl(database);
    }

    public String jdbcUrl(String databaseName) {
        return server.jdbcUrl(databaseName);
    }

    public String databaseName() {
        return database;
    }

    public DbOptions options() {
        return opts;
    }

    /**
     * A fresh connection (auto-commit on) to {@link #databaseName()}, with the run's application_name and the
     * lock and statement timeouts set; the caller closes it.
     */
    public Connection connect() {
        return connect(database);
    }

    public Connection connect(String databaseName) {
        try {
            Connection c = rawConnect(databaseName);
            try (Statement st = c.createStatement()) {
                st.execute("SET lock_timeout = '" + DbOptions.spell(opts.lockTimeout()) + "'");
                st.execute("SET statement_timeout = '" + DbOptions.spell(opts.statementTimeout()) + "'");
            }
            return c;
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
        return opts.keep();
    }

    /** Warnings about the run's surroundings so far: leftovers of interrupted runs removed, clean-up problems. */
    public List<Diagnostic> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    /** Why the run was interrupted ({@code SIGINT}, ...), once {@link #interrupt} was called. */
    public Optional<String> interrupted() {
        return Optional.ofNullable(interrupted);
    }

    /**
     * Stops the run's work now: marks it interrupted, cancels every running statement and closes every session,
     * so the thread applying or testing fails at once and goes on to clean up (which opens new sessions).
     */
    public void interrupt(String reason) {
        if (interrupted != null) {
            return;
        }
        interrupted = reason;
        sessions.stopAll();
    }

    /** Interrupts every open database of this JVM (see {@link Interrupts}). */
    static void interruptAll(String reason) {
        List.copyOf(OPEN).forEach(d -> d.interrupt(reason));
    }

    /** Creates another empty scratch database ({@code specgen_scratch_<run>_<n>}) and returns its name. */
    public String createScratchDatabase() {
        return createScratchDatabase(run.scratchDatabase() + "_" + (++scratchCount + 1));
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
        try (Connection c = rawConnect(server.homeDatabase()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + quote(name) + force);
        } catch (SQLException e) {
            throw DbErrors.unavailable("cannot drop scratch database " + name + ": " + DbErrors.oneLine(e),
                    "drop it by hand, or let the next specgen run on this server remove it");
        }
        created.remove(name);
        if (name.equals(database)) {
            database = server.homeDatabase();
        }
    }

    /**
     * Makes {@link #databaseName()} ready for an apply that creates these schemas. SCRATCH_DATABASE: drops them
     * (CASCADE) if an earlier apply in this run left them. SCHEMAS_ONLY: claims them ({@link RunSchemas#claim}), so a
     * user's schema or one another live run works in is refused (SG405); they are dropped on close. IN_PLACE:
     * nothing.
     */
    public void prepareSchemas(Collection<String> schemas) {
        if (isolation == Isolation.IN_PLACE) {
            return;
        }
        if (isolation == Isolation.SCHEMAS_ONLY) {
            if (!claimedOids.isEmpty() || runSchemaIn.contains(database)) {
                throw new IllegalStateException("schemas are claimed once per run, before anything else");
            }
            note(Leftovers.schemas(keeper));
            claimedOids = RunSchemas.claim(keeper, run, schemas, database);
            runSchemaIn.add(database);
            return;
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
     * The run's own schema ({@code specgen_run_<run id>}) in the database {@code c} is connected to, created (with
     * its marker comment) on first use: where the TAP functions and the expected-definition tables go. Never a
     * schema specgen did not create: the name is new for every run, and an existing one is refused.
     */
    public String runSchema(Connection c) {
        String db = currentDatabase(c);
        if (runSchemaIn.contains(db)) {
            return run.schema();
        }
        try {
            RunSchemas.create(c, run);
        } catch (SQLException e) {
            throw DbErrors.unavailable("cannot create specgen's schema " + run.schema() + " in database " + db + ": "
                    + DbErrors.oneLine(e), "let the user create schemas in that database (specgen drops it at the "
                    + "end), or install pgTAP there; or pass --no-tests");
        }
        runSchemaIn.add(db);
        return run.schema();
    }

    /**
     * {@link TapInstaller#ensure} into the run schema of {@code c}'s database (pgTAP itself where it is installed
     * already, or may be created in a database of this run's own).
     */
    public TapInstaller.TapSetup installTap(Connection c) {
        Optional<TapInstaller.TapSetup> pgtap = TapInstaller.find(c, run.schema()).filter(TapInstaller.TapSetup::realPgtap);
        if (pgtap.isPresent()) {
            return pgtap.get(); // installed by the user: used as it is, no schema of specgen's needed
        }
        String schema = runSchema(c);
        return TapInstaller.ensure(c, schema, isolation == Isolation.SCRATCH_DATABASE || server.owned());
    }

    /** Drops what this run created (unless kept) and stops the server if specgen started it. Never throws. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        OPEN.remove(this);
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; this close does the work
            }
        }
        dropRunSchema();
        if (!server.owned() || opts.keep()) {
            for (String name : List.copyOf(created)) {
                if (opts.keep()) {
                    comment(name, run.keptMarker());
                    continue;
                }
                try {
                    dropDatabase(name);
                } catch (SpecgenException e) {
                    for (Diagnostic d : e.diagnostics()) {
                        notes.add(Diagnostic.warning(d.pos(), Code.SG411, d.message()).withHint(d.hint().orElse(null)));
                    }
                }
            }
        }
        closeKeeper();
        server.close();
    }

    /**
     * The run schema (and in SCHEMAS_ONLY mode the claimed schemas) in every database that holds them, except
     * those dropped whole. With --keep (not in place) they stay, re-marked so that later runs leave them alone.
     */
    private void dropRunSchema() {
        for (String db : List.copyOf(runSchemaIn)) {
            if (created.contains(db) && (server.owned() || !opts.keep())) {
                continue; // dropped with its database, or discarded with the server
            }
            boolean keepIt = opts.keep() && isolation != Isolation.IN_PLACE;
            if (keepIt && created.contains(db)) {
                continue; // kept with its database
            }
            try (Connection c = rawConnect(db)) {
                if (keepIt) {
                    RunSchemas.keep(c, run);
                } else {
                    RunSchemas.drop(c, run, db.equals(database) ? claimedOids : List.of());
                }
            } catch (SQLException e) {
                notes.add(Diagnostic.warning(SourcePos.NONE, Code.SG411, "cannot " + (keepIt ? "mark" : "drop")
                        + " specgen's schema " + run.schema() + (claimedOids.isEmpty() ? "" : " and the schemas it "
                        + "claims") + " in database " + db + ": " + DbErrors.oneLine(e))
                        .withHint("the next specgen run on this database removes them, or drop them by hand"));
            }
        }
    }

    /** Run by the shutdown hook (SIGTERM, SIGINT without a handler, System.exit during a run). */
    private void shutdown() {
        interrupt("the JVM is shutting down");
        close();
    }

    private void note(Leftovers.Sweep sweep) {
        notes.addAll(sweep.diagnostics());
    }

    private void comment(String db, String text) {
        try (Statement st = keeper.createStatement()) {
            st.execute("COMMENT ON DATABASE " + quote(db) + " IS " + RunSchemas.literal(text));
        } catch (SQLException ignored) {
            // the database stays either way; only a later run's sweep could then mistake it for a leftover
        }
    }

    private void closeKeeper() {
        if (keeper != null) {
            try {
                keeper.close();
            } catch (SQLException ignored) {
                // gone already
            }
        }
    }

    private SQLException tryCreate(String name) {
        try (Statement st = keeper.createStatement()) {
            st.execute("CREATE DATABASE " + quote(name) + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' "
                    + "LC_CTYPE 'C'");
        } catch (SQLException e) {
            return e;
        }
        comment(name, run.databaseMarker());
        return null;
    }

    private static String currentDatabase(Connection c) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw DbErrors.unavailable("lost the connection to the database: " + DbErrors.oneLine(e),
                    "check the server log");
        }
    }

    private Connection rawConnect(String db) throws SQLException {
        return sessions.connect(db);
    }

    static String quote(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }
}
