package dev.specgen.verify;

import dev.specgen.db.DbOptions;
import java.util.Objects;

/**
 * How to verify: which database ({@link DbOptions}: embedded by default), and whether to run the generated tests
 * after applying ({@code runTests}).
 */
public record VerifyOptions(DbOptions db, boolean runTests) {
    public VerifyOptions {
        Objects.requireNonNull(db, "db == null");
    }

    public static VerifyOptions embedded() {
        return new VerifyOptions(DbOptions.embedded(), true);
    }
}
