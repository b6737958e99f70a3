package dev.specgen.db;

import dev.specgen.verify.ArtifactResolver;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The one way to get a {@link Database}: embedded (default), an existing server by URL, or a container. */
public final class Databases {
    static final String DOCKER_FACTORY = "org.testcontainers.DockerClientFactory";

    private Databases() {
    }

    /** Opens a database as {@code opts} says; credentials missing from {@code opts} come from the environment. */
    public static Database open(DbOptions opts) {
        return open(opts, System::getenv);
    }

    /**
     * Like {@link #open(DbOptions)}, with {@code env} standing in for {@link System#getenv(String)}.
     *
     * @throws dev.specgen.diag.SpecgenException SG405 when the server cannot be started or reached, SG003 for a
     *                                           bad option value (unknown version, malformed URL)
     */
    public static Database open(DbOptions opts, Function<String, String> env) {
        return open(opts, env, Optional.empty());
    }

    /**
     * Like {@link #open(DbOptions, Function)}; server binaries that are not on the classpath come through
     * {@code artifacts} when given (Maven's resolver, in the plugin), else from the local repository or Maven Central.
     */
    public static Database open(DbOptions opts, Function<String, String> env, Optional<ArtifactResolver> artifacts) {
        Objects.requireNonNull(opts, "opts == null");
        Interrupts.check("starting the database");
        PgServer server = switch (opts.mode()) {
            case EMBEDDED -> EmbeddedServer.start(opts, artifacts);
            case URL -> ExternalServer.of(opts, env);
            case TESTCONTAINERS -> startContainer(opts);
        };
        try {
            return Database.open(server, opts.withInPlace(opts.inPlace() && opts.mode() == DbOptions.Mode.URL));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** True when Testcontainers is on the classpath and a Docker engine answers. */
    public static boolean dockerAvailable() {
        try {
            return testcontainersPresent() && ContainerServer.dockerAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    private static PgServer startContainer(DbOptions opts) {
        if (!testcontainersPresent()) {
            throw DbErrors.unavailable("Testcontainers is not on the classpath",
                    "add org.testcontainers:testcontainers-postgresql, or leave out --testcontainers to use the "
                            + "embedded PostgreSQL");
        }
        try {
            return ContainerServer.start(opts);
        } catch (LinkageError e) {
            throw DbErrors.unavailable("Testcontainers could not be loaded: " + DbErrors.oneLine(e),
                    "check the Testcontainers dependencies, or use the embedded PostgreSQL");
        }
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName(DOCKER_FACTORY, false, Databases.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
