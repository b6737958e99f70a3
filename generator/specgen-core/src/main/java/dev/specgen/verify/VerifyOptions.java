package dev.specgen.verify;

import dev.specgen.db.DbOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * How to verify: which database ({@link DbOptions}: embedded by default), whether to run the generated tests after
 * applying ({@code runTests}), and who fetches artifacts on demand ({@code artifacts}: empty means the live-database
 * layer's own download from Maven Central into the local repository; the Maven plugin passes Maven's resolver).
 */
public record VerifyOptions(DbOptions db, boolean runTests, Optional<ArtifactResolver> artifacts) {
    public VerifyOptions {
        Objects.requireNonNull(db, "db == null");
        Objects.requireNonNull(artifacts, "artifacts == null");
    }

    public VerifyOptions(DbOptions db, boolean runTests) {
        this(db, runTests, Optional.empty());
    }

    public static VerifyOptions embedded() {
        return new VerifyOptions(DbOptions.embedded(), true);
    }

    public VerifyOptions withArtifacts(ArtifactResolver resolver) {
        return new VerifyOptions(db, runTests, Optional.of(resolver));
    }
}
