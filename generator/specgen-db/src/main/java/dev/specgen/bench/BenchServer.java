package dev.specgen.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * An embedded PostgreSQL (the binaries on the classpath) started with a benchmark's own settings, C locale; each
 * benchmark says which settings and why.
 */
public final class BenchServer implements AutoCloseable {
    private final EmbeddedPostgres pg;

    private BenchServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    public static BenchServer start(Map<String, String> settings) {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setLocaleConfig("locale", "C");
            settings.forEach(b::setServerConfig);
            return new BenchServer(b.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    /** A connection to the postgres database, autocommit on. */
    public Connection connect() throws SQLException {
        Connection c = pg.getPostgresDatabase().getConnection();
        c.setAutoCommit(true);
        return c;
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
