package dev.specgen.db;

/**
 * One embedded PostgreSQL for every live test class in this JVM (surefire reuses its fork): started on first use,
 * closed (server stopped, data directory deleted) by a shutdown hook.
 */
public final class SharedEmbedded {
    private static Database db;
    static long startMillis;

    private SharedEmbedded() {
    }

    public static synchronized Database get() {
        if (db == null) {
            long t0 = System.nanoTime();
            Database d = Databases.open(DbOptions.embedded());
            startMillis = (System.nanoTime() - t0) / 1_000_000;
            Runtime.getRuntime().addShutdownHook(new Thread(d::close, "specgen-embedded-pg-close"));
            db = d;
        }
        return db;
    }
}
