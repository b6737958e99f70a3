package dev.specgen.verify;

import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;

/**
 * The live-database layer as the core sees it: a service implemented by the {@code specgen-db} module and found with
 * {@link java.util.ServiceLoader}, so that the core (and a build that only generates) carries no database driver,
 * embedded server or PostgreSQL binaries. {@code Specgen.verify} reports SG012 when no implementation is on the
 * classpath.
 */
public interface LiveVerifier {

    /**
     * Gets the database {@code options.db()} names (starts it, or connects), proves {@code rendered} on it (apply
     * twice, catalog round trip, generated tests) and stops it again unless kept.
     *
     * @throws dev.specgen.diag.SpecgenException when the database cannot be had (SG405, SG003): nothing was verified
     */
    VerifyReport verify(SchemaPlan plan, Rendered rendered, VerifyOptions options, Progress progress);

    /**
     * Stops every verification running in this JVM (on SIGINT or SIGTERM): running statements are cancelled, and
     * each run ends with SG412 after removing its scratch database and schemas.
     *
     * @return false when no verification is running
     */
    boolean interrupt(String reason);
}
