package dev.specgen.db;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to get a live PostgreSQL: the front doors map {@code --pg-version}, {@code --db-url}, {@code --db-user},
 * {@code --db-password}, {@code --testcontainers}, {@code --keep-db} and {@code --in-place} onto this record.
 *
 * @param mode        where the server comes from
 * @param pgVersion   major version for EMBEDDED (16, 17, 18) and TESTCONTAINERS (image tag); ignored for URL
 * @param url         {@code jdbc:postgresql://host:port/db} for URL mode
 * @param user        login; when empty, SPECGEN_DB_USER then PGUSER from the environment, then the URL's own
 * @param password    password; when empty, SPECGEN_DB_PASSWORD then PGPASSWORD, then the URL's own
 * @param keep        leave the server and scratch database behind on close (their JDBC URL stays valid)
 * @param inPlace     URL mode: use the given database as it is, no scratch database (touches user objects)
 * @param startTimeout how long to wait for an embedded or container server to accept connections
 */
public record DbOptions(Mode mode, int pgVersion, Optional<String> url, Optional<String> user,
        Optional<String> password, boolean keep, boolean inPlace, Duration startTimeout) {

    public enum Mode {
        EMBEDDED,
        URL,
        TESTCONTAINERS
    }

    public static final int DEFAULT_PG_VERSION = 17;

    public DbOptions {
        Objects.requireNonNull(mode, "mode == null");
        Objects.requireNonNull(url, "url == null");
        Objects.requireNonNull(user, "user == null");
        Objects.requireNonNull(password, "password == null");
        Objects.requireNonNull(startTimeout, "startTimeout == null");
    }

    /** Embedded PostgreSQL 17 from the classpath: the default. */
    public static DbOptions embedded() {
        return embedded(DEFAULT_PG_VERSION);
    }

    /** Embedded PostgreSQL 16, 17 or 18 (16 and 18 are fetched into the local Maven repository on first use). */
    public static DbOptions embedded(int pgVersion) {
        return new DbOptions(Mode.EMBEDDED, pgVersion, Optional.empty(), Optional.empty(), Optional.empty(), false,
                false, Duration.ofSeconds(60));
    }

    /** An existing server; a scratch database is created there and dropped on close. */
    public static DbOptions url(String jdbcUrl) {
        return new DbOptions(Mode.URL, DEFAULT_PG_VERSION, Optional.of(jdbcUrl), Optional.empty(), Optional.empty(),
                false, false, Duration.ofSeconds(30));
    }

    /** A {@code postgres:<pgVersion>} container; needs a Docker engine and Testcontainers on the classpath. */
    public static DbOptions testcontainers(int pgVersion) {
        return new DbOptions(Mode.TESTCONTAINERS, pgVersion, Optional.empty(), Optional.empty(), Optional.empty(),
                false, false, Duration.ofSeconds(120));
    }

    public DbOptions withCredentials(String user, String password) {
        return new DbOptions(mode, pgVersion, url, Optional.ofNullable(user), Optional.ofNullable(password), keep,
                inPlace, startTimeout);
    }

    public DbOptions withKeep(boolean keep) {
        return new DbOptions(mode, pgVersion, url, user, password, keep, inPlace, startTimeout);
    }

    public DbOptions withInPlace(boolean inPlace) {
        return new DbOptions(mode, pgVersion, url, user, password, keep, inPlace, startTimeout);
    }

    public DbOptions withStartTimeout(Duration timeout) {
        return new DbOptions(mode, pgVersion, url, user, password, keep, inPlace, timeout);
    }
}
