package dev.specgen.bench.bulk;

import dev.specgen.bench.BenchServer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's own embedded PostgreSQL 17 (the binaries on the classpath), with the settings of specgen's embedded
 * server (no fsync, no synchronous commit, no full-page writes, no JIT, autovacuum or parallel workers) plus memory
 * and WAL room for a 1,000,000-row run: buffers that hold the sales table with its indexes twice over (the upsert set
 * adds 900,000 rows), so no path pays for evictions another one caused; no checkpoint while a path runs (each starts
 * after its own CHECKPOINT). The same server for every path, so the ratios stay fair; the report prints
 * {@link #SETTINGS}.
 */
final class BulkDb implements AutoCloseable {
    static final Map<String, String> SETTINGS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fsync", "off");
        m.put("synchronous_commit", "off");
        m.put("full_page_writes", "off");
        m.put("shared_buffers", "1GB");
        m.put("maintenance_work_mem", "256MB");
        m.put("max_wal_size", "8GB");
        m.put("checkpoint_timeout", "1h");
        m.put("autovacuum", "off");
        m.put("jit", "off");
        m.put("max_parallel_workers_per_gather", "0");
        m.put("max_connections", "40");
        m.put("max_locks_per_transaction", "256");
        m.put("timezone", "UTC");
        m.put("lc_messages", "C");
        SETTINGS = Collections.unmodifiableMap(m);
    }

    private final BenchServer pg;

    private BulkDb(BenchServer pg) {
        this.pg = pg;
    }

    static BulkDb start() {
        return new BulkDb(BenchServer.start(SETTINGS));
    }

    String jdbcUrl() {
        return pg.jdbcUrl();
    }

    /** The settings as the report header prints them: {@code shared_buffers 1GB, ...}. */
    static String describe() {
        StringBuilder s = new StringBuilder();
        SETTINGS.forEach((k, v) -> {
            if (!k.equals("timezone") && !k.equals("lc_messages") && !k.equals("max_connections")
                    && !k.equals("max_locks_per_transaction")) {
                s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(v);
            }
        });
        return s.toString();
    }

    @Override
    public void close() {
        pg.close();
    }
}
