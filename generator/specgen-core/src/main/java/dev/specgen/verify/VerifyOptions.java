package dev.specgen.verify;

import dev.specgen.db.DbOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to verify: which database ({@link DbOptions}: embedded by default), whether to run the generated tests after
 * applying ({@code runTests}), who fetches artifacts on demand ({@code artifacts}: empty means the live-database
 * layer's own download from Maven Central into the local repository; the Maven plugin passes Maven's resolver), and
 * {@code setup}: SQL scripts run in the scratch database before the install, in order, for what the specs presume
 * exists (the user's own trigger functions, functions a generated column calls, roles policies name).
 */
public record VerifyOptions(DbOptions db, boolean runTests, Optional<ArtifactResolver> artifacts, List<Path> setup) {
    public VerifyOptions {
        Objects.requireNonNull(db, "db == null");
        Objects.requireNonNull(artifacts, "artifacts == null");
        setup = List.copyOf(setup);
    }

    public VerifyOptions(DbOptions db, boolean runTests) {
        this(db, runTests, Optional.empty(), List.of());
    }

    public static VerifyOptions embedded() {
        return new VerifyOptions(DbOptions.embedded(), true);
    }

    public VerifyOptions withArtifacts(ArtifactResolver resolver) {
        return new VerifyOptions(db, runTests, Optional.of(resolver), setup);
    }

    public VerifyOptions withSetup(List<Path> scripts) {
        return new VerifyOptions(db, runTests, artifacts, scripts);
    }
}
