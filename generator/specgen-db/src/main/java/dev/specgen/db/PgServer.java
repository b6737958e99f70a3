package dev.specgen.db;

import java.util.Properties;

/** A running server that {@link Database} can connect to: embedded, external (URL) or a container. */
interface PgServer extends AutoCloseable {

    /** "embedded PostgreSQL", "PostgreSQL at host:5432", ...; the version is added by {@link Database}. */
    String label();

    /** JDBC URL of {@code database} on this server (credentials go in {@link #connectProperties()}). */
    String jdbcUrl(String database);

    /** The database to connect to for CREATE/DROP DATABASE, or to run in when no scratch database is made. */
    String homeDatabase();

    Properties connectProperties();

    /** True when specgen started this server itself (so everything in it is specgen's). */
    boolean owned();

    /** Stops the server if specgen started it and it is not kept. Never throws. */
    @Override
    void close();
}
