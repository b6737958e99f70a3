package dev.specgen.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A {@code postgres:<major>} container. The only class that touches Testcontainers (an optional dependency):
 * {@link Databases} loads it only in TESTCONTAINERS mode and only after checking the library is present.
 */
final class ContainerServer implements PgServer {
    private final PostgreSQLContainer container;
    private final boolean keep;
    private final String image;

    private ContainerServer(PostgreSQLContainer container, boolean keep, String image) {
        this.container = container;
        this.keep = keep;
        this.image = image;
    }

    /** Whether a Docker engine answers (Testcontainers' own check; false rather than an exception). */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static ContainerServer start(DbOptions opts) {
        if (!dockerAvailable()) {
            throw DbErrors.unavailable("no Docker engine is available for the Testcontainers database",
                    "start Docker (or set DOCKER_HOST), or leave out --testcontainers to use the embedded PostgreSQL");
        }
        String image = "postgres:" + opts.pgVersion();
        List<String> cmd = new ArrayList<>(List.of("postgres"));
        EmbeddedServer.SETTINGS.forEach((k, v) -> {
            cmd.add("-c");
            cmd.add(k + "=" + v);
        });
        PostgreSQLContainer c = new PostgreSQLContainer(DockerImageName.parse(image))
                .withStartupTimeout(opts.startTimeout());
        c.withCommand(cmd.toArray(String[]::new));
        try {
            c.start();
        } catch (RuntimeException e) {
            c.stop();
            throw DbErrors.unavailable("container " + image + " could not be started: " + DbErrors.oneLine(e),
                    "check that Docker can pull " + image + ", or use the embedded PostgreSQL");
        }
        return new ContainerServer(c, opts.keep(), image);
    }

    @Override
    public String label() {
        return "PostgreSQL in container " + image;
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String homeDatabase() {
        return container.getDatabaseName();
    }

    @Override
    public Properties connectProperties() {
        Properties p = new Properties();
        p.setProperty("user", container.getUsername());
        p.setProperty("password", container.getPassword());
        return p;
    }

    @Override
    public boolean owned() {
        return true;
    }

    @Override
    public void close() {
        if (!keep) {
            try {
                container.stop();
            } catch (RuntimeException ignored) {
                // Testcontainers' reaper removes it at JVM exit anyway
            }
        }
    }
}
