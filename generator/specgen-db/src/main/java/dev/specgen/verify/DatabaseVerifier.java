package dev.specgen.verify;

import dev.specgen.db.Database;
import dev.specgen.db.Databases;
import dev.specgen.db.DbOptions;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;
import java.time.Duration;

/**
 * The {@link LiveVerifier} service of specgen-db (registered in {@code META-INF/services}): opens the database the
 * options name, runs the {@link Verifier} on it, and closes it (unless kept).
 */
public final class DatabaseVerifier implements LiveVerifier {

    @Override
    public VerifyReport verify(SchemaPlan plan, Rendered rendered, VerifyOptions options, Progress progress) {
        progress.begin("starting " + describe(options.db()));
        long t0 = System.nanoTime();
        Database db;
        try {
            db = Databases.open(options.db(), System::getenv, options.artifacts());
        } finally {
            progress.end("starting the database");
        }
        Duration start = Duration.ofNanos(System.nanoTime() - t0);
        try (db) {
            Verifier v = new Verifier(db, progress);
            v.phases().put("start", start);
            return v.verify(plan, rendered, options.runTests());
        }
    }

    static String describe(DbOptions db) {
        return switch (db.mode()) {
            case EMBEDDED -> "embedded PostgreSQL " + db.pgVersion();
            // without the query string: it may carry a password
            case URL -> "PostgreSQL at " + db.url().orElse("").replaceFirst("\\?.*$", "");
            case TESTCONTAINERS -> "a PostgreSQL " + db.pgVersion() + " container";
        };
    }
}
