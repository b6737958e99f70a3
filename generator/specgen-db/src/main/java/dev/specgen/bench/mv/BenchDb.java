package dev.specgen.bench.mv;

import dev.specgen.bench.BenchServer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's own embedded PostgreSQL (the one on the classpath), with settings that make runs comparable:
 * no fsync (the shared disk adds noise, not insight), full-page writes on (WAL bytes as in production), no
 * checkpoints or autovacuum while measuring (the benchmark runs CHECKPOINT and VACUUM itself, between measurements),
 * no parallel workers (a 2-core machine), buffers large enough for the source.
 */
final class BenchDb implements AutoCloseable {
    static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("fsync", "off");
        SETTINGS.put("synchronous_commit", "off");
        SETTINGS.put("full_page_writes", "on");
        SETTINGS.put("shared_buffers", "512MB");
        SETTINGS.put("work_mem", "64MB");
        SETTINGS.put("maintenance_work_mem", "256MB");
        SETTINGS.put("max_wal_size", "8GB");
        SETTINGS.put("checkpoint_timeout", "1h");
        SETTINGS.put("autovacuum", "off");
        SETTINGS.put("jit", "off");
        SETTINGS.put("max_parallel_workers_per_gather", "0");
        SETTINGS.put("max_connections", "40");
        SETTINGS.put("timezone", "UTC");
        SETTINGS.put("lc_messages", "C");
    }

    private final BenchServer pg;

    private BenchDb(BenchServer pg) {
        this.pg = pg;
    }

    static BenchDb start() {
        return new BenchDb(BenchServer.start(SETTINGS));
    }

    Connection connect() throws SQLException {
        return pg.connect();
    }

    @Override
    public void close() {
        pg.close();
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static long wal(Connection c) throws SQLException {
        return Long.parseLong(one(c, "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint"));
    }

    /**
     * One statement's wall time (JDBC round trip included), the CPU time of the server process that ran it (NaN where
     * the system does not say: Linux's /proc/PID/schedstat, nanoseconds on a CPU) and the WAL it wrote. On a shared
     * machine the wall time also counts waiting for a CPU; the CPU time does not.
     */
    record Timed(double ms, double cpuMs, long walBytes) {
    }

    static Timed time(Connection c, String sql) throws SQLException {
        long w0 = wal(c);
        double cpu0 = cpuMs(c);
        long t0 = System.nanoTime();
        exec(c, sql);
        double ms = (System.nanoTime() - t0) / 1e6;
        return new Timed(ms, cpuMs(c) - cpu0, wal(c) - w0);
    }

    private static final Map<Connection, Integer> PIDS = java.util.Collections.synchronizedMap(
            new java.util.IdentityHashMap<>());

    /** The server process's CPU time so far, in ms (NaN where /proc/PID/schedstat cannot be read). */
    static double cpuMs(Connection c) throws SQLException {
        Integer pid = PIDS.get(c);
        if (pid == null) {
            pid = Integer.parseInt(one(c, "SELECT pg_backend_pid()"));
            PIDS.put(c, pid);
        }
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/schedstat"));
            return Long.parseLong(s.trim().split("\\s+")[0]) / 1e6;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
