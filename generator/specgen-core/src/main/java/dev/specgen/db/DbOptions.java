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
 * @param lockTimeout  {@code lock_timeout} of every session specgen opens (zero: wait forever)
 * @param statementTimeout {@code statement_timeout} of every session specgen opens (zero: no limit)
 */
public record DbOptions(Mode mode, int pgVersion, Optional<String> url, Optional<String> user,
        Optional<String> password, boolean keep, boolean inPlace, Duration startTimeout, Duration lockTimeout,
        Duration statementTimeout) {

    public enum Mode {
        EMBEDDED,
        URL,
        TESTCONTAINERS
    }

    public static final int DEFAULT_PG_VERSION = 17;
    /** Long enough for any lock specgen's own statements take; short enough that a blocked run says so. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** Generous for one DDL statement or one seeded test on a test server; a runaway seed still ends. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(5);

    public DbOptions {
        Objects.requireNonNull(mode, "mode == null");
        Objects.requireNonNull(url, "url == null");
        Objects.requireNonNull(user, "user == null");
        Objects.requireNonNull(password, "password == null");
        Objects.requireNonNull(startTimeout, "startTimeout == null");
        Objects.requireNonNull(lockTimeout, "lockTimeout == null");
        Objects.requireNonNull(statementTimeout, "statementTimeout == null");
        if (lockTimeout.isNegative() || statementTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts cannot be negative");
        }
    }

    /** {@code 10s}, {@code 5min}, {@code 250ms}, {@code 0}: how a timeout is printed, and set as a PostgreSQL value. */
    public static String spell(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "min";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** Embedded PostgreSQL 17 from the classpath: the default. */
    public static DbOptions embedded() {
        return embedded(DEFAULT_PG_VERSION);
    }

    /** Embedded PostgreSQL 16, 17 or 18 (16 and 18 are fetched into the local Maven repository on first use). */
    public static DbOptions embedded(int pgVersion) {
        return new DbOptions(Mode.EMBEDDED, pgVersion, Optional.empty(), Optional.empty(), Optional.empty(), false,
                false, Duration.ofSeconds(60), DEFAULT_LOCK_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);
    }

    /** An existing server; a scratch database is created there and dropped on close. */
    public static DbOptions url(String jdbcUrl) {
        return new DbOptions(Mode.URL, DEFAULT_PG_VERSION, Optional.of(jdbcUrl), Optional.empty(), Optional.empty(),
                false, false, Duration.ofSeconds(30), DEFAULT_LOCK_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);
    }

    /** A {@code postgres:<pgVersion>} container; needs a Docker engine and Testcontainers on the classpath. */
    public static DbOptions testcontainers(int pgVersion) {
        return new DbOptions(Mode.TESTCONTAINERS, pgVersion, Optional.empty(), Optional.empty(), Optional.empty(),
                false, false, Duration.ofSeconds(120), DEFAULT_LOCK_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);
    }

    public DbOptions withCredentials(String user, String password) {
        return new DbOptions(mode, pgVersion, url, Optional.ofNullable(user), Optional.ofNullable(password), keep,
                inPlace, startTimeout, lockTimeout, statementTimeout);
    }

    public DbOptions withKeep(boolean keep) {
        return new DbOptions(mode, pgVersion, url, user, password, keep, inPlace, startTimeout, lockTimeout,
                statementTimeout);
    }

    public DbOptions withInPlace(boolean inPlace) {
        return new DbOptions(mode, pgVersion, url, user, password, keep, inPlace, startTimeout, lockTimeout,
                statementTimeout);
    }

    public DbOptions withStartTimeout(Duration timeout) {
        return new DbOptions(mode, pgVersion, url, user, password, keep, inPlace, timeout, lockTimeout,
                statementTimeout);
    }

    /** {@code lock_timeout} and {@code statement_timeout} for every session; {@link Duration#ZERO} turns one off. */
    public DbOptions withTimeouts(Duration lock, Duration statement) {
        return new DbOptions(mode, pgVersion, url, user, password, keep, inPlace, startTimeout, lock, statement);
    }
}
